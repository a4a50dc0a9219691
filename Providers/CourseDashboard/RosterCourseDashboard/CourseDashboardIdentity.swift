public import RosterCore

/// Course Dashboard records have no enrollment id: a membership is the pair (course id, user id).
/// The neutral id joins both as `<course>:<user>`, so it stays unique across the whole community.
public enum CourseDashboardIdentity {
    /// The neutral enrollment id of `user` in `course`.
    public static func enrollmentID(course: CourseID, user: LearnerID) -> EnrollmentID {
        EnrollmentID("\(course.rawValue):\(user.rawValue)")
    }

    /// The course and user an enrollment id names; nil when `id` is not of the form `<int>:<int>`.
    public static func parse(_ id: EnrollmentID) -> (course: CourseID, user: LearnerID)? {
        let parts = id.rawValue.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, Int(parts[0]) != nil, Int(parts[1]) != nil else { return nil }
        return (CourseID(String(parts[0])), LearnerID(String(parts[1])))
    }

    /// The integer user id the API wants in bodies; `invalidArgument` when `id` is not an integer.
    static func userNumber(_ id: LearnerID) throws -> Int {
        guard let number = Int(id.rawValue) else {
            throw RosterError(.invalidArgument, "Course Dashboard user ids are integers, got \"\(id.rawValue)\"")
        }
        return number
    }

    /// The integer course id the API wants in paths; `invalidArgument` when `id` is not an integer.
    static func courseNumber(_ id: CourseID) throws -> Int {
        guard let number = Int(id.rawValue) else {
            throw RosterError(.invalidArgument, "Course Dashboard course ids are integers, got \"\(id.rawValue)\"")
        }
        return number
    }
}
