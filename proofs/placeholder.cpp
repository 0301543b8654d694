// placeholder until the first algorithm of proofs lands
