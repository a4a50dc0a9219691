// MeltingspotSimulator: placeholder until its issue lands.
