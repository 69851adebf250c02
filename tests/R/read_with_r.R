# Reads a run file (and optionally a sweep archive) with analysis/R/relocsim.R
# and writes what it read as plain text for test_r_reader.py to compare with
# h5py. Usage: Rscript read_with_r.R READER RUN.h5 OUTDIR [SWEEP.h5]
args <- commandArgs(trailingOnly = TRUE)
source(args[1])
out <- args[3]
x <- relocsim_open(args[2])
cap <- relocsim_var(x, "capacity")
writeLines(names(dimnames(cap)), file.path(out, "capacity_dims.txt"))
long <- as.data.frame.table(cap, responseName = "value", stringsAsFactors = FALSE)
write.csv(long, file.path(out, "capacity.csv"), row.names = FALSE)
writeLines(as.vector(relocsim_var(x, "site_bloc")), file.path(out, "site_bloc.txt"))
writeLines(relocsim_dates(x), file.path(out, "dates.txt"))
writeLines(relocsim_seed(x), file.path(out, "seed.txt"))
# What ncdf4 alone gives for the same seed, to show why the text is needed.
writeLines(sprintf("%.0f", ncdf4::ncatt_get(x, 0, "seed")$value), file.path(out, "seed_ncdf4.txt"))
relocsim_close(x)
if (length(args) >= 4) {
  s <- relocsim_open(args[4])
  seeds <- relocsim_run_seeds(s)
  writeLines(paste(names(seeds), seeds), file.path(out, "run_seeds.txt"))
  writeLines(relocsim_seed(s), file.path(out, "master_seed.txt"))
  # A defined outcome ([[outcome]]) lives in the group outcomes.
  v <- relocsim_var(s, "outcomes/india_capacity_2022")
  writeLines(c(attr(v, "units"), paste(dimnames(v)$run, sprintf("%.17g", v))), file.path(out, "defined.txt"))
  relocsim_close(s)
}
