// Plans and applies a 10,000-learner migration between two in-process simulators, three times:
//   Frontcore → Meltingspot   by e-mail (half the people exist as spot members: enroll; half are
//                             created first: create + enroll)
//   Meltingspot → Frontcore   by e-mail (everyone is booked on both; the completions are carried)
//   Frontcore → Course Dashboard by username (everyone is a community user: enroll)
// For each it prints the plan time, the apply time with the rate limits lifted (Roster's own cost),
// and the apply throughput under the target's documented rate limit, on a virtual clock shared with
// a simulator that enforces the same limit (429s counted).
// Run in release mode: swift run -c release --disable-default-traits roster-sync-benchmark
import CourseDashboardSimulator
import Foundation
import FrontcoreSimulator
import MeltingspotSimulator
import RosterCore
import RosterCourseDashboard
import RosterFrontcore
import RosterHTTP
import RosterMeltingspot
import RosterSync

let environment = ProcessInfo.processInfo.environment
let learners = environment["ROSTER_SYNC_BENCH_LEARNERS"].flatMap { Int($0) } ?? 10_000

func cpuSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
func wallSeconds() -> Double { ProcessInfo.processInfo.systemUptime }
func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
func email(_ n: Int) -> String { "learner.\(n)@bench.example" }
func username(_ n: Int) -> String { "learner_\(n)" }

/// Wall and CPU seconds `body` takes.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, wall: Double, cpu: Double) {
    let (wall, cpu) = (wallSeconds(), cpuSeconds())
    let value = try await body()
    return (value, wallSeconds() - wall, cpuSeconds() - cpu)
}

/// A journal in a fresh temporary file.
func journal(for plan: SyncPlan) throws -> SyncJournal {
    let path = NSTemporaryDirectory() + "roster-sync-bench-\(UUID().uuidString).jsonl"
    return try SyncJournal.open(at: path, for: plan)
}

/// A Frontcore simulator with one course holding `learners` participants (odd numbers completed).
func frontcore(clock: any RosterClock, limit: RateLimit?) -> (FrontcoreSimulator, course: Int) {
    let simulator = FrontcoreSimulator(
        participants: 0, courses: 1, faults: FaultPlan(enforcedRateLimit: limit), clock: clock,
        apiKey: "fc_bench_\(UUID().uuidString)")
    let course = simulator.courseIDs[0]
    for n in 1...learners {
        let booked = simulator.insertParticipant(
            courseID: course, email: email(n), externalID: String(n), username: username(n))!
        simulator.setStatus(1, ofParticipant: booked.participant)
        if n % 2 == 1 { simulator.setOutcome(completed: true, passed: true, ofParticipant: booked.participant) }
    }
    return (simulator, course)
}

func frontcoreRoster(_ simulator: FrontcoreSimulator, clock: any RosterClock, limit: RateLimit) throws -> Roster<AnyRosterDriver> {
    Roster(driver: AnyRosterDriver(try FrontcoreDriver(
        configuration: FrontcoreConfiguration(apiKey: simulator.apiKey, rateLimit: limit),
        transport: simulator.transport, clock: clock)))
}

struct Run {
    var name: String
    /// The target's documented request budget; nil when the vendor documents none.
    var limit: RateLimit?
    var build: (_ clock: any RosterClock, _ enforced: RateLimit?) throws -> (source: Roster<AnyRosterDriver>, target: Roster<AnyRosterDriver>, request: SyncRequest, injector: FaultInjector)
}

let unlimited = RateLimit(requests: 1_000_000_000, per: 1)

let runs: [Run] = [
    Run(name: "frontcore → meltingspot (e-mail; enroll, create + enroll)", limit: RateLimit(requests: 100, per: 10)) { clock, enforced in
        let (source, sourceCourse) = frontcore(clock: clock, limit: nil)
        let key = "msk_bench_\(UUID().uuidString)"
        let target = MeltingspotSimulator(
            courses: 1, participantsPerCourse: 0, faults: FaultPlan(enforcedRateLimit: enforced), clock: clock, secretKey: key)
        for n in stride(from: 2, through: learners, by: 2) { target.addSpotMember(email: email(n)) }
        let targetRoster = Roster(driver: AnyRosterDriver(try MeltingspotDriver(
            configuration: MeltingspotConfiguration(secretKey: key, rateLimits: [enforced ?? unlimited]),
            transport: target.transport, clock: clock)))
        let request = SyncRequest(
            source: SyncSource(course: CourseID(String(sourceCourse))), target: SyncTarget(course: CourseID(target.courseIDs()[0])))
        return (try frontcoreRoster(source, clock: clock, limit: unlimited), targetRoster, request, target.injector)
    },
    Run(name: "meltingspot → frontcore (e-mail; completions carried)", limit: RateLimit(requests: 5, per: 1)) { clock, enforced in
        let key = "msk_bench_\(UUID().uuidString)"
        let source = MeltingspotSimulator(courses: 1, participantsPerCourse: 0, clock: clock, secretKey: key)
        let sourceCourse = source.courseIDs()[0]
        for n in 1...learners {
            let member = source.addSpotMember(email: email(n))
            _ = try source.addParticipant(course: sourceCourse, spotMember: member, status: n % 2 == 1 ? "Completed" : "Started")
        }
        let (target, targetCourse) = frontcore(clock: clock, limit: enforced)
        // The target holds everybody, none completed yet.
        for id in target.participantIDs() { target.setOutcome(completed: false, passed: false, ofParticipant: id) }
        let sourceRoster = Roster(driver: AnyRosterDriver(try MeltingspotDriver(
            configuration: MeltingspotConfiguration(secretKey: key, rateLimits: [unlimited]), transport: source.transport,
            clock: clock)))
        let request = SyncRequest(
            source: SyncSource(course: CourseID(sourceCourse)), target: SyncTarget(course: CourseID(String(targetCourse))))
        return (sourceRoster, try frontcoreRoster(target, clock: clock, limit: enforced ?? unlimited), request, target.injector)
    },
    Run(name: "frontcore → course-dashboard (username; enroll)", limit: nil) { clock, enforced in
        let (source, sourceCourse) = frontcore(clock: clock, limit: nil)
        let target = CourseDashboardSimulator(
            courses: 1, learnersPerCourse: 0, faults: FaultPlan(enforcedRateLimit: enforced), clock: clock)
        for n in 1...learners {
            let user = target.addUser(realName: "Learner \(n)")
            target.setIdentity(ofUser: user, username: username(n))
        }
        let targetRoster = Roster(driver: AnyRosterDriver(try CourseDashboardDriver(
            configuration: CourseDashboardConfiguration(
                baseURL: CourseDashboardSimulator.defaultBaseURL, token: target.token, rateLimit: enforced),
            transport: target.transport, clock: clock)))
        let request = SyncRequest(
            source: SyncSource(course: CourseID(String(sourceCourse))),
            target: SyncTarget(course: CourseID(String(target.courseIDs[0]))), match: .identity(.username))
        return (try frontcoreRoster(source, clock: clock, limit: unlimited), targetRoster, request, target.injector)
    },
]

print("learners per source course: \(learners)")
for run in runs {
    print("\n== \(run.name)")
    // 1. Roster's own cost: real clock, limits lifted.
    let (fast, seeding, _) = try await measure { try run.build(SystemClock(), nil) }
    print("seeding both simulators: \(format(seeding)) s")
    let (plan, planWall, planCPU) = try await measure {
        try await SyncPlanner(source: fast.source, target: fast.target).plan(fast.request)
    }
    let counts = plan.counts.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
    print("plan: \(format(planWall)) s wall, \(format(planCPU)) CPU s — \(counts)")
    let (report, applyWall, applyCPU) = try await measure {
        try await SyncApplier(target: fast.target).apply(journal: try journal(for: plan))
    }
    print(
        "apply, limits lifted: \(format(applyWall)) s wall, \(format(applyCPU)) CPU s — \(report.writesSent) writes, "
            + "\(Int(Double(report.writesSent) / applyWall)) writes/s, complete: \(report.complete)")

    // 2. Under the documented limit, on a virtual clock the simulator shares (it enforces the same
    //    limit and answers 429 over it).
    guard let limit = run.limit else {
        print("apply under a rate limit: the vendor documents none")
        continue
    }
    let virtual = VirtualClock()
    let paced = try run.build(virtual, limit)
    let pacedPlan = try await SyncPlanner(source: paced.source, target: paced.target).plan(paced.request)
    let before = (virtual.uptime(), paced.injector.requestCount)
    let pacedReport = try await SyncApplier(target: paced.target).apply(journal: try journal(for: pacedPlan))
    let elapsed = virtual.uptime() - before.0
    let requests = paced.injector.requestCount - before.1
    let throttled = paced.injector.requests.dropFirst(before.1).filter { $0.status == 429 }.count
    let rate = Double(requests) / max(elapsed, 1e-9)
    let ceiling = Double(limit.requests) / limit.seconds
    print(
        "apply under \(limit): \(pacedReport.writesSent) writes in \(requests) requests over \(format(elapsed, 1)) s of "
            + "virtual time — \(format(rate)) requests/s, \(format(100 * rate / ceiling, 1)) % of the limit, \(throttled) answered 429")
}
