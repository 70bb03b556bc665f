# sna::brokerage timing for bench/graph.bench.ts on the same CSV files.
# Usage: Rscript graph_sna.R EDGES.csv GROUPS.csv
# Prints one JSON line: load_s (CSV read + sna edgelist build), compute_s (brokerage() alone), and
# checksum (sum of raw.nli[, "t"]) for the bench to compare with ours.
suppressPackageStartupMessages(library(sna))
a <- commandArgs(trailingOnly = TRUE)
t0 <- proc.time()[["elapsed"]]
groups <- read.csv(a[2], colClasses = "character")
edges <- read.csv(a[1], colClasses = "character")
ids <- groups$node
si <- match(edges$source, ids); ti <- match(edges$target, ids)
keep <- si != ti
el <- unique(cbind(si[keep], ti[keep]))
el <- cbind(el, 1)
attr(el, "n") <- length(ids)
attr(el, "vnames") <- ids
t1 <- proc.time()[["elapsed"]]
b <- brokerage(el, groups$group)
t2 <- proc.time()[["elapsed"]]
cat(sprintf('{"load_s": %.6f, "compute_s": %.6f, "checksum": %.17g}\n',
            t1 - t0, t2 - t1, sum(b$raw.nli[, "t"])))
