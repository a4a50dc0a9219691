// FrontcoreSimulator: placeholder until its issue lands.
