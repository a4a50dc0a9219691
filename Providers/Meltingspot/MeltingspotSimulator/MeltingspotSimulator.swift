import Foundation
public import RosterHTTP

/// A stateful, deterministic Meltingspot Spot written from the vendor's documentation: courses,
/// spot members and course participants (French names with accents), the documented endpoints with
/// their `{items, total}` envelopes, bracket filters, 201/200 invitation semantics and status codes,
/// behind the shared `FaultInjector`. It answers paths after a `/v1` prefix, so the same handler
/// serves in process (`https://openapi.meltingspot.io/v1`) and over loopback HTTP (`http://127.0.0.1:PORT/v1`).
public final class MeltingspotSimulator: Sendable {
    /// The Spot's secret key; accepted as `Authorization: <key>` or `Authorization: Bearer <key>`.
    public let secretKey: String
    /// The fault injector in front of the handler: request log, counts, the fault plan.
    public let injector: FaultInjector
    /// The largest `limit` accepted (the vendor's maximum is undocumented; larger is a 400).
    public static let maxLimit = 100
    /// The most members one `participants~bulkInvite` accepts; more is a 413 "Payload is too large".
    public static let maxBulkInvite = 100

    let store: SpotStore
    let clock: any RosterClock

    /// Creates a Spot with `courses` courses of `participantsPerCourse` participants each, generated
    /// from `seed`. `secretKey` defaults to a key derived from the seed.
    public init(
        seed: UInt64 = 1, courses: Int = 3, participantsPerCourse: Int = 40, faults: FaultPlan = .none,
        clock: any RosterClock = SystemClock(), secretKey: String? = nil
    ) {
        var keyGenerator = SeededGenerator(seed: seed ^ 0x5EC2_E7)
        self.secretKey =
            secretKey ?? "msk_live_" + String(format: "%016llx%016llx", keyGenerator.next(), keyGenerator.next())
        self.clock = clock
        self.store = SpotStore(
            SpotState(
                seed: seed, now: Self.seedReferenceDate, courses: courses, participantsPerCourse: participantsPerCourse))
        self.injector = FaultInjector(plan: faults, clock: clock) { SimulatorWireFormat.error($0) }
    }

    /// The moment generated timestamps are placed before (2026-11-01T00:00:00Z): fixed, so that the
    /// same seed gives the same data on every run, whatever the clock says.
    static let seedReferenceDate = Date(timeIntervalSince1970: 1_793_491_200)

    /// Answers one request as Meltingspot would (faults first, then the documented behaviour).
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await injector.handle(request) { [self] in respond(to: $0) }
        } catch {
            return HTTPResponse(
                status: 500, headers: ["Content-Type": "application/json"], body: SimulatorWireFormat.error(500))
        }
    }

    /// An in-process transport answering with this simulator.
    public var transport: InProcessTransport {
        InProcessTransport { [self] request in await handle(request) }
    }
}

/// A mutation helper was asked about a course, member or participant the Spot does not hold.
public struct MeltingspotSimulatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was missing.
    public var description: String
}
