// RosterCourseDashboard: placeholder until its issue lands.
