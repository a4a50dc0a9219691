// RosterInMemory: placeholder until its issue lands.
