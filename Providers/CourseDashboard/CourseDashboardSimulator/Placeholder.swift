// CourseDashboardSimulator: placeholder until its issue lands.
