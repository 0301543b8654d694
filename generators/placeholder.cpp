// placeholder until the first algorithm of generators lands
