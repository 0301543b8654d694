// placeholder until the first algorithm of checkers lands
