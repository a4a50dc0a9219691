print("roster: placeholder")
