# relocsim's results in R: labelled arrays and exact seeds.
#
#   source("analysis/R/relocsim.R")        # needs the ncdf4 package (Debian: r-cran-ncdf4)
#   x <- relocsim_open("results/baseline.h5")
#   cap <- relocsim_var(x, "capacity")      # array [step, site, sector] with dimnames
#   cap[, "dholera", "electronics"]
#   relocsim_years(x)                       # decimal year of each step
#   relocsim_dates(x)                       # the same as dates, "2036-01-01"
#   relocsim_seed(x)                        # "1234567890123456789": exact, as text
#   relocsim_close(x)
#
# ncdf4 alone returns arrays in reversed dimension order without dimnames and
# reads 64-bit integers as doubles, which round past 2^53; these functions
# give the file's dimension order (that of xarray, h5py and docs/OUTPUT.md),
# dimnames from the coordinate variables, coded variables as their labels,
# and seeds from their decimal text (seed_text, run_seed_text).

relocsim_open <- function(path) {
  if (!requireNamespace("ncdf4", quietly = TRUE)) {
    stop("relocsim.R needs the ncdf4 package (Debian: apt-get install r-cran-ncdf4)")
  }
  nc <- ncdf4::nc_open(path)
  complete <- ncdf4::ncatt_get(nc, 0, "relocsim_complete")
  if (!complete$hasatt || as.integer(complete$value) != 1L) {
    ncdf4::nc_close(nc)
    stop(path, " is not a complete relocsim file (relocsim_complete is not 1)")
  }
  nc
}

relocsim_close <- function(nc) invisible(ncdf4::nc_close(nc))

# The labels along a dimension: its coordinate variable's values (site ids,
# sector ids, step numbers), as text.
relocsim_labels <- function(nc, dim) {
  d <- nc$dim[[dim]]
  if (is.null(d)) stop("no dimension '", dim, "' in ", nc$filename)
  if (isTRUE(d$create_dimvar) || length(d$vals) == d$len) as.character(d$vals) else as.character(seq_len(d$len) - 1L)
}

# A variable as an array in the file's dimension order, with dimnames, and its
# long_name and units as attributes. Coded variables (flag_meanings) come as
# their labels (a character array; NA where the code means none).
relocsim_var <- function(nc, name) {
  v <- nc$var[[name]]
  if (is.null(v)) stop("no variable '", name, "' in ", nc$filename)
  values <- ncdf4::ncvar_get(nc, name, collapse_degen = FALSE)
  dims <- rev(vapply(v$dim, function(d) d$name, ""))  # ncdf4 lists them fastest first
  if (length(dims) > 1) {
    values <- aperm(array(values, dim = rev(vapply(dims, function(d) nc$dim[[d]]$len, 0))))
  } else {
    values <- array(values, dim = length(values))
  }
  dimnames(values) <- setNames(lapply(dims, function(d) relocsim_labels(nc, d)), dims)
  meanings <- ncdf4::ncatt_get(nc, name, "flag_meanings")
  if (meanings$hasatt) values <- relocsim_decode(nc, name, values)
  attr(values, "long_name") <- ncdf4::ncatt_get(nc, name, "long_name")$value
  attr(values, "units") <- ncdf4::ncatt_get(nc, name, "units")$value
  values
}

# Codes to labels: from the coordinate named by label_coordinate (exact
# labels) or else flag_values / flag_meanings.
relocsim_decode <- function(nc, name, codes) {
  coord <- ncdf4::ncatt_get(nc, name, "label_coordinate")
  if (coord$hasatt) {
    labels <- relocsim_labels(nc, coord$value)
    keys <- seq_along(labels) - 1
  } else {
    labels <- strsplit(ncdf4::ncatt_get(nc, name, "flag_meanings")$value, " ")[[1]]
    flags <- ncdf4::ncatt_get(nc, name, "flag_values")
    keys <- if (flags$hasatt) as.numeric(flags$value) else seq_along(labels) - 1
  }
  out <- labels[match(as.numeric(codes), keys)]
  dim(out) <- dim(codes)
  dimnames(out) <- dimnames(codes)
  out
}

relocsim_years <- function(nc) setNames(as.numeric(ncdf4::ncvar_get(nc, "year")), relocsim_labels(nc, "step"))

# A decimal year as the date it names, to the month (dates.py does the same):
# 2036.0 -> "2036-01-01", 2020.25 -> "2020-04-01".
relocsim_dates <- function(nc) {
  months <- round(relocsim_years(nc) * 12)
  setNames(sprintf("%04d-%02d-01", months %/% 12, months %% 12 + 1), relocsim_labels(nc, "step"))
}

# Seeds as decimal text, exact (R's numbers hold integers exactly only to 2^53).
relocsim_seed <- function(nc) {
  text <- ncdf4::ncatt_get(nc, 0, "seed_text")
  if (!text$hasatt) text <- ncdf4::ncatt_get(nc, 0, "master_seed_text")
  if (!text$hasatt) {
    stop(nc$filename, " has no seed_text (written by an older relocsim): its seed reads exactly only ",
         "through h5py or ncdump")
  }
  text$value
}

relocsim_run_seeds <- function(nc) {
  if (is.null(nc$var[["run_seed_text"]])) {
    stop(nc$filename, " has no run_seed_text (not a sweep archive, or one written by an older relocsim)")
  }
  setNames(as.character(ncdf4::ncvar_get(nc, "run_seed_text")), relocsim_labels(nc, "run"))
}
