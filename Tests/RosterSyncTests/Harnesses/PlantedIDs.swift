import Foundation
import RosterConformance
import RosterCore

/// The provider learner ids of planted people, filled while a backend is built.
final class PlantedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [SyncPerson: LearnerID] = [:]

    func set(_ person: SyncPerson, _ id: String) { lock.withLock { ids[person] = LearnerID(id) } }
    func id(of person: SyncPerson) -> LearnerID? { lock.withLock { ids[person] } }
}
