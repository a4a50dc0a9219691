// RosterMeltingspot: placeholder until its issue lands.
