pub fn placeholder_build_warmup() {}
