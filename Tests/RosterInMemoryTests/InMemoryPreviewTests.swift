import Foundation
import RosterCore
import RosterHTTP
import RosterInMemory
import Testing

/// The in-memory provider's `previewEnroll` agrees with its `enroll`, and its ids are checked path
/// segments.
@Suite struct InMemoryPreviewTests {
    @Test func aPreviewAgreesWithTheWriteAndChangesNothing() async throws {
        let provider = InMemoryProvider(seed: 4, courses: 2, enrollmentsPerCourse: 5)
        let records = try await provider.roster.enrollments().collect(max: 100)
        let existing = try #require(records.first)
        let course = existing.course.id
        let members = Set(records.filter { $0.course.id == course }.map(\.learner.id))
        let outsider = try #require(records.first { !members.contains($0.learner.id) })
        let before = provider.store.enrollments

        let held = try await provider.roster.previewEnroll(EnrollRequest(course: course, learner: existing.learner.id))
        guard case .alreadyEnrolled(let record?) = held else {
            Issue.record("expected alreadyEnrolled, got \(String(describing: held))")
            return
        }
        #expect(record.id == existing.id)
        let newcomer = EnrollRequest(course: course, learner: outsider.learner.id)
        #expect(try await provider.roster.previewEnroll(newcomer) == nil)
        let missing = await #expect(throws: RosterError.self) {
            _ = try await provider.roster.previewEnroll(EnrollRequest(course: "no-such-course", learner: "x"))
        }
        #expect(missing?.code == .notFound)
        #expect(provider.store.enrollments == before, "a preview writes nothing")

        let real = await #expect(throws: RosterError.self) {
            _ = try await provider.roster.enroll(EnrollRequest(course: "no-such-course", learner: "x"))
        }
        #expect(real?.code == .notFound)
        let again = try await provider.roster.enroll(EnrollRequest(course: course, learner: existing.learner.id))
        if case .alreadyEnrolled = again {} else { Issue.record("the write said \(again)") }
    }

    @Test(arguments: ["..", ".", "%2e%2E"])
    func aDotSegmentIdIsRefused(_ id: String) async throws {
        let provider = InMemoryProvider(seed: 4, courses: 1, enrollmentsPerCourse: 2)
        let read = await #expect(throws: RosterError.self) {
            _ = try await provider.roster.enrollment(EnrollmentID(id))
        }
        let removal = await #expect(throws: RosterError.self) { try await provider.roster.unenroll(EnrollmentID(id)) }
        #expect(read?.code == .invalidArgument && removal?.code == .invalidArgument)
    }
}
