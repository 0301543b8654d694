// placeholder until the first algorithm of reports lands
