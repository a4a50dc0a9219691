#if CLI
import RosterCore

/// Puts the course title on records whose vendor sends none (Meltingspot participants and Course
/// Dashboard course users carry only the course id), so `courseTitle` is there on every provider
/// that can list its courses. The course listing is read once, on the first record that needs it;
/// a listing that fails leaves titles out (a title is a convenience, never a reason to lose records).
/// Used by one task at a time.
final class CourseTitles: @unchecked Sendable {
    private let roster: Roster<AnyRosterDriver>
    private var titles: [CourseID: String]?

    /// Titles from `roster`'s course listing, when it has one.
    init(roster: Roster<AnyRosterDriver>) { self.roster = roster }

    /// `enrollment` with its course title filled in where the record had none and the provider
    /// knows it.
    func fill(_ enrollment: Enrollment) async throws -> Enrollment {
        guard enrollment.course.title == nil, roster.capabilities.supports(.listCourses) else { return enrollment }
        if titles == nil { titles = try await Self.read(roster) }
        guard let title = titles?[enrollment.course.id] else { return enrollment }
        var named = enrollment
        named.course.title = title
        return named
    }

    private static func read(_ roster: Roster<AnyRosterDriver>) async throws -> [CourseID: String] {
        var titles: [CourseID: String] = [:]
        do {
            for try await course in roster.courses() {
                if let title = course.title, !title.isEmpty { titles[course.id] = title }
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return titles
        }
        return titles
    }
}
#endif
