// RosterFrontcore: placeholder until its issue lands.
