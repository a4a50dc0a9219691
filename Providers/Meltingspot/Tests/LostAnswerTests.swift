import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// Writes whose answer is lost after the simulator applied them: an invitation (idempotent by
/// definition) is repeated and settles as already invited; a spot member's creation (not idempotent)
/// is `outcomeUnknown` and is not repeated.
@Suite struct LostAnswerTests {
    /// Passes requests to the simulator; the answers of the first `lost` writes are dropped, as a
    /// connection lost after sending would.
    final class LosingTransport: HTTPTransport, @unchecked Sendable {
        let simulator: MeltingspotSimulator
        private let lock = NSLock()
        private var lost: Int
        private var writes: [HTTPRequest] = []

        init(_ simulator: MeltingspotSimulator, lost: Int) {
            self.simulator = simulator
            self.lost = lost
        }

        var sentWrites: [HTTPRequest] { lock.withLock { writes } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            let response = try await simulator.transport.send(request)
            guard !request.method.isSafe else { return response }
            let drop: Bool = lock.withLock {
                writes.append(request)
                lost -= 1
                return lost >= 0
            }
            guard drop else { return response }
            let reason = "network failure for \(request.pathForDisplay): connection lost"
            throw UnansweredRequest.error(for: request, delivery: .maybeSent, reason: reason)
        }
    }

    func driver(_ simulator: MeltingspotSimulator, _ transport: LosingTransport) throws -> MeltingspotDriver {
        let configuration = MeltingspotConfiguration(
            secretKey: simulator.secretKey, retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: 0))
        return try MeltingspotDriver(configuration: configuration, transport: transport, clock: VirtualClock())
    }

    @Test func anInvitationWhoseAnswerIsLostIsRepeatedAndSettlesAsAlreadyInvited() async throws {
        let simulator = MeltingspotSimulator(
            seed: 42, courses: 1, participantsPerCourse: 3, secretKey: TestSupport.uniqueKey())
        let course = try #require(simulator.courseIDs().first)
        let member = simulator.addSpotMember(email: "lost.answer@exemple.fr", firstname: "Lou", lastname: "Perdu")
        let transport = LosingTransport(simulator, lost: 1)
        let outcome = try await driver(simulator, transport).invite(spotMember: member, to: CourseID(course))
        guard case .alreadyEnrolled = outcome else {
            Issue.record("expected .alreadyEnrolled after the repeat, got \(outcome)")
            return
        }
        #expect(transport.sentWrites.count == 2)
        #expect(simulator.participantMemberIDs(course: course).filter { $0 == member }.count == 1)
    }

    @Test func aSpotMemberCreationWhoseAnswerIsLostIsOutcomeUnknownAndSentOnce() async throws {
        let simulator = MeltingspotSimulator(
            seed: 42, courses: 1, participantsPerCourse: 3, secretKey: TestSupport.uniqueKey())
        let transport = LosingTransport(simulator, lost: 1)
        do {
            _ = try await driver(simulator, transport).createSpotMember(email: "nouveau.membre@exemple.fr")
            Issue.record("a lost answer came back as a success")
        } catch let error as RosterError {
            #expect(error.code == .outcomeUnknown, "\(error)")
            #expect(error.provider == "meltingspot")
        }
        #expect(transport.sentWrites.count == 1)
    }
}
