print("roster-benchmarks: placeholder until the Frontcore issue adds the streaming benchmark")
