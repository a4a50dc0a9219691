#if CLI
import Foundation
import RosterCore
import RosterHTTP
import Testing

@testable import RosterCLI

/// The tool's side of lost answers and deadlines: a write whose answer never came is reported as
/// `unknown` (exit 10) with a hint to look it up, and `--deadline` bounds a run against a vendor that
/// does not answer.
@Suite(.serialized)
struct UnknownOutcomeToolTests {
    @Test func exitCodesForUnknownOutcomesAreDocumented() {
        #expect(ExitStatus(.outcomeUnknown).rawValue == 10)
        #expect(ExitStatus.shrinkGuard.rawValue == 9 && ExitStatus.allCases.filter { $0.rawValue == 10 }.count == 1)
        let hint = ToolFailure.hint(for: RosterError(.outcomeUnknown, "x", provider: "meltingspot"))
        #expect(hint?.contains("roster get") == true)
    }

    /// The simulator applies the invitation, then answers 4 s late; the run's deadline is 2 s.
    @Test func anEnrollWhoseAnswerIsLostIsUnknownAndTheWriteWasApplied() async throws {
        let records = EndToEndTests.records
        let kit = try #require(ProviderCatalog.kit(named: "meltingspot"))
        let settings = SimulatorSettings(seed: 5, recordsPerCourse: records, courses: 2, faults: .none)
        let seeded = try await DemoCommand.inProcessRoster(kit, settings: settings).enrollments().collect(max: 10_000)
        let course = try #require(seeded.first?.course.id.rawValue)
        let inCourse = Set(seeded.filter { $0.course.id.rawValue == course }.map(\.learner.id.rawValue))
        let outsider = try #require(Set(seeded.map(\.learner.id.rawValue)).subtracting(inCourse).sorted().first)
        let arguments = EndToEndTests.serveArguments + ["--vendor", "meltingspot", "--faults", "late=1,late-by=4"]
        try await withServer(arguments) { server in
            let env = server.environment
            let enrolled = try await ToolProcess.run(
                ["enroll", "--provider", "meltingspot", "--course", course, "--deadline", "2", outsider],
                environment: env)
            #expect(enrolled.status == 10, "\(enrolled.stderr)")
            let line = try #require(try EndToEndTests.objects(enrolled.lines).first)
            #expect(line["result"] as? String == "unknown")
            #expect((line["hint"] as? String)?.contains("roster get") == true)
            #expect(enrolled.stderr.contains("outcome unknown"), "\(enrolled.stderr)")
            #expect(enrolled.stderr.contains("may or may not have been applied"), "\(enrolled.stderr)")
            let listed = try await ToolProcess.run(
                ["list", "--provider", "meltingspot", "--course", course, "--format", "jsonl"], environment: env)
            let learners = try EndToEndTests.objects(listed.lines).compactMap {
                ($0["learner"] as? [String: Any])?["id"] as? String
            }
            #expect(learners.contains(outsider), "the lost write was not applied, so this test proves nothing")
        }
    }

    @Test func aVendorThatDoesNotAnswerCostsNoMoreThanTheDeadline() async throws {
        let arguments = EndToEndTests.serveArguments + ["--vendor", "frontcore", "--faults", "late=1-50,late-by=5"]
        try await withServer(arguments) { server in
            let result = try await ToolProcess.run(
                ["list", "--provider", "frontcore", "--deadline", "1", "--retries", "5"],
                environment: server.environment)
            #expect(result.status == 6, "\(result.stderr)")
            #expect(result.stderr.contains("overall deadline of 1 s"), "\(result.stderr)")
            #expect(result.stderr.contains("--deadline"), "\(result.stderr)")
        }
    }

    @Test func aNegativeDeadlineIsAUsageError() async throws {
        let result = try await ToolProcess.run(
            ["list", "--provider", "in-memory", "--deadline", "-1"], environment: [:])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--deadline"))
    }
}
#endif
