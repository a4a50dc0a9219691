import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// Bulk invitations: chunking so no 413 happens, halving when one does, per-member results.
@Suite struct BulkInviteTests {
    private func members(_ simulator: MeltingspotSimulator, _ count: Int) -> [String] {
        (1...count).map {
            simulator.addSpotMember(email: "invite\($0)@exemple.fr", firstname: "Anaïs", lastname: "Noël\($0)")
        }
    }

    @Test func largeInvitationIsChunkedAndNeverTooLarge() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 0)
        let course = try #require(simulator.courseIDs().first)
        let ids = members(simulator, 230)
        let result = try await driver.bulkInvite(spotMembers: ids + ids.prefix(5), to: CourseID(course))
        #expect(result.requestsSent == 5)
        #expect(result.created.count == 230)
        #expect(result.items.map(\.spotMemberID) == ids)
        #expect(!simulator.injector.requests.contains { $0.status == 413 })
        #expect(Set(simulator.participantMemberIDs(course: course)) == Set(ids))
    }

    @Test func repeatedAndPartlyRepeatedInvitationsReportPerMember() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 0) {
            $0.bulkInviteChunkSize = 10
        }
        let course = CourseID(try #require(simulator.courseIDs().first))
        let ids = members(simulator, 20)
        _ = try await driver.bulkInvite(spotMembers: Array(ids[0..<5]), to: course)
        let result = try await driver.bulkInvite(spotMembers: ids, to: course)
        #expect(result.alreadyInvited == Array(ids[0..<5]))
        #expect(result.created.map(\.learner.id.rawValue) == Array(ids[5...]))
        let again = try await driver.bulkInvite(spotMembers: ids, to: course)
        #expect(again.alreadyInvited == ids)
        #expect(simulator.participantMemberIDs(course: course.rawValue).count == 20)
    }

    @Test func chunkTooLargeForTheVendorIsHalvedUntilItFits() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 0) {
            $0.bulkInviteChunkSize = 250
        }
        let course = try #require(simulator.courseIDs().first)
        let ids = members(simulator, 250)
        let result = try await driver.bulkInvite(spotMembers: ids, to: CourseID(course))
        #expect(result.created.count == 250)
        #expect(result.failed.isEmpty)
        // 250 → 413; 125 → 413 twice; 62 and 63 fit (4 requests): 7 in all.
        #expect(result.requestsSent == 7)
        #expect(simulator.injector.requests.filter { $0.status == 413 }.count == 3)
    }

    @Test func failedChunkMarksItsMembersAndTheRestGoOn() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 0) {
            $0.bulkInviteChunkSize = 3
        }
        let course = CourseID(try #require(simulator.courseIDs().first))
        let ids = members(simulator, 6)
        let result = try await driver.bulkInvite(spotMembers: ["inconnu"] + ids, to: course)
        #expect(result.failed.map(\.spotMemberID) == ["inconnu", ids[0], ids[1]])
        #expect(result.failed.allSatisfy { $0.error.code == .notFound })
        #expect(result.created.map(\.learner.id.rawValue) == Array(ids[2...]))
    }
}
