# Peer for bench/idealpoints.bench.ts: pscl::ideal (Clinton-Jackman-Rivers MCMC) on one UNGA session.
# Usage: Rscript pscl_ideal.R votes.csv out.csv
# votes.csv: state,rcid,vote with vote 1 yes / 2 abstain / 3 no. pscl's model is binary, so abstentions
# are coded missing (its documented practice). pscl defaults: maxiter 10000, burnin 5000, thin 100.
suppressMessages(library(pscl))
args <- commandArgs(trailingOnly = TRUE)
v <- read.csv(args[1], stringsAsFactors = FALSE)
states <- sort(unique(v$state)); rcids <- sort(unique(v$rcid))
m <- matrix(NA_real_, length(states), length(rcids), dimnames = list(states, rcids))
m[cbind(match(v$state, states), match(v$rcid, rcids))] <- ifelse(v$vote == 1, 1, ifelse(v$vote == 3, 0, NA))
rc <- rollcall(m, yea = 1, nay = 0, missing = NA, notInLegis = NULL, legis.names = states)
set.seed(1)
elapsed <- system.time(
  fit <- ideal(rc, d = 1, maxiter = 10000, burnin = 5000, thin = 100, normalize = TRUE, verbose = FALSE)
)
write.csv(data.frame(state = states, x = fit$xbar[, 1]), args[2], row.names = FALSE)
cat(sprintf("ELAPSED %.3f\n", elapsed[["elapsed"]]))
cat(sprintf("CPU %.3f\n", elapsed[["user.self"]] + elapsed[["sys.self"]]))
