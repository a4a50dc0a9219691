// Streams 100,000 simulated Frontcore participants (page size 250) through the Roster facade and
// through a bare decode loop of the same page bytes (the fields the mapping reads,
// `FrontcoreMappedParticipant`), and prints both times, their ratio and the peak memory; then times
// the credential redactor over every record alone (what the tool does before printing). Run in
// release mode:
//     swift run -c release --disable-default-traits roster-benchmarks
// Other measurements, by first argument: `paging` (P2, ROSTER_BENCH_LATENCY_MS, default 25, and
// ROSTER_BENCH_WINDOWS, default 2,4,6,8), `pacing` (P5, ROSTER_BENCH_PACING_SECONDS, default 30).
// With ROSTER_BENCH_GZIP_BOMB_MIB=N it instead measures the peak memory of reading a gzip bomb of N
// MiB (see GzipBombBenchmark.swift; ROSTER_BENCH_GZIP_READER=transport|urlsession).
import Foundation
import FrontcoreSimulator
import RosterCore
import RosterFrontcore
import RosterHTTP

let environment = ProcessInfo.processInfo.environment
let participants = environment["ROSTER_BENCH_PARTICIPANTS"].flatMap { Int($0) } ?? 100_000
let pageSize = 250
let rounds = environment["ROSTER_BENCH_ROUNDS"].flatMap { Int($0) } ?? 3

if let mib = environment["ROSTER_BENCH_GZIP_BOMB_MIB"].flatMap({ Int($0) }) {
    try await runGzipBombBenchmark(expandedMiB: mib, reader: environment["ROSTER_BENCH_GZIP_READER"] ?? "transport")
    exit(0)
}
switch CommandLine.arguments.dropFirst().first {
case "paging":
    let latency = (environment["ROSTER_BENCH_LATENCY_MS"].flatMap { Double($0) } ?? 25) / 1000
    let windows = (environment["ROSTER_BENCH_WINDOWS"] ?? "2,4,6,8").split(separator: ",").compactMap { Int($0) }
    try await runPagingBenchmark(latency: latency, windows: windows)
    exit(0)
case "pacing":
    try await runPacingBenchmark(seconds: environment["ROSTER_BENCH_PACING_SECONDS"].flatMap { Double($0) } ?? 30)
    exit(0)
case nil, "facade": break
case let other?:
    print("unknown benchmark \(other): use facade, paging or pacing")
    exit(2)
}

/// Peak resident memory of this process so far (VmHWM), in MiB; nil where /proc is missing.
func peakMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kib = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return nil }
    return kib / 1024
}

/// CPU seconds (user + system) this process has used: unlike wall time, it does not count the time
/// other processes on a busy machine take the cores away.
func cpuSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }

/// The CPU seconds `body` takes.
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = cpuSeconds()
    try await body()
    return cpuSeconds() - start
}

func format(_ value: Double?, _ digits: Int = 2) -> String {
    guard let value else { return "n/a" }
    return String(format: "%.\(digits)f", value)
}

// 1. The simulator renders every page once; both loops then read the same bytes from memory, so
//    neither pays for the simulator.
let simulator = FrontcoreSimulator(seed: 42, participants: participants, courses: 40)
let ids = simulator.participantIDs()
// Page k (from 0) asks for ids after the last id of page k−1; one more, empty, page ends the walk.
let cursors = [0] + stride(from: pageSize - 1, to: ids.count, by: pageSize).map { ids[$0] }
var rendered: [Int: Data] = [:]
let setup = await seconds {
    for since in cursors {
        var request = HTTPRequest(
            method: .get,
            url: URL(string: "https://api.frontcore.com/v2/participants?since_id=\(since)&limit=\(pageSize)")!)
        request.headers["X-API-Key"] = simulator.apiKey
        rendered[since] = await simulator.handle(request).body
    }
}
let pages = rendered  // since_id → page body
let orderedPages = pages.sorted { $0.key < $1.key }.map(\.value)
let totalBytes = orderedPages.reduce(0) { $0 + $1.count }
print(
    "pages: \(orderedPages.count) × \(pageSize), \(format(Double(totalBytes) / 1_048_576, 1)) MiB of JSON, rendered in \(format(setup)) CPU s"
)
print("peak memory after rendering: \(format(peakMiB(), 1)) MiB")

// 2. The bare loop: JSONDecoder over the page bytes into the type the adapter decodes (the fields
//    its mapping reads), nothing else.
func bareLoop() throws -> Int {
    var count = 0
    for page in orderedPages {
        count += try JSONDecoder().decode([FrontcoreMappedParticipant].self, from: page).count
    }
    return count
}

// 3. The facade: driver + middleware (retry, rate budget, auth) + in-process transport answering
//    from the same bytes, paging, mapping to Enrollment, de-duplication and the report.
let replay = InProcessTransport { request in
    let since = FaultInjector.queryItems(of: request.url)["since_id"]?.first.flatMap { Int($0) } ?? 0
    return HTTPResponse(
        status: 200, headers: ["Content-Type": "application/json"], body: pages[since] ?? Data("[]".utf8))
}
let driver = try FrontcoreDriver(
    configuration: FrontcoreConfiguration(apiKey: "benchmark-key", rateLimit: RateLimit(requests: 1_000_000, per: 1)),
    transport: replay)
// ROSTER_BENCH_PAGES_IN_FLIGHT=N sets the listing's pages fetched ahead (default: the library's).
let pagesInFlight = environment["ROSTER_BENCH_PAGES_IN_FLIGHT"].flatMap { Int($0) } ?? ListingPolicy.defaultPagesInFlight
let roster = Roster(driver: driver, listingPolicy: ListingPolicy(pagesInFlight: pagesInFlight))
print("facade pages in flight: \(pagesInFlight)")
func facadeLoop() async throws -> Int {
    var count = 0
    for try await _ in roster.enrollments(EnrollmentQuery(pageSize: pageSize)) { count += 1 }
    return count
}

// 4. The credential redactor over every record's text (what the tool does before printing), timed
//    alone on records collected once, with the driver's key: 13 characters, shorter than a real
//    key, so more fields are long enough to be searched than in real use.
let redactor = CredentialRedactor(secrets: ["benchmark-key"])
let collected = try await roster.enrollments(EnrollmentQuery(pageSize: pageSize)).collect(max: participants)
func redactionLoop() -> Int {
    var changed = 0
    for enrollment in collected where redactor.redact(enrollment).learner.email != enrollment.learner.email {
        changed += 1
    }
    return changed
}

var bareTimes: [Double] = []
var facadeTimes: [Double] = []
var redactionTimes: [Double] = []
for round in 1...rounds {
    var bareCount = 0
    var facadeCount = 0
    var changed = 0
    bareTimes.append(try await seconds { bareCount = try bareLoop() })
    facadeTimes.append(try await seconds { facadeCount = try await facadeLoop() })
    redactionTimes.append(await seconds { changed = redactionLoop() })
    guard bareCount == participants, facadeCount == participants, changed == 0 else {
        fatalError(
            "round \(round): bare loop saw \(bareCount), facade saw \(facadeCount), redaction changed \(changed), "
                + "expected \(participants), \(participants), 0")
    }
}
let bare = bareTimes.min()!
let facade = facadeTimes.min()!
print(
    "bare decode loop: \(format(bare, 3)) CPU s (best of \(rounds): \(bareTimes.map { format($0, 3) }.joined(separator: ", ")))"
        + " — \(Int(Double(participants) / bare)) records/s")
print(
    "facade:           \(format(facade, 3)) CPU s (best of \(rounds): \(facadeTimes.map { format($0, 3) }.joined(separator: ", ")))"
        + " — \(Int(Double(participants) / facade)) records/s")
print("ratio facade / bare: \(format(facade / bare, 3)) (target ≤ 1.10)")
let redaction = redactionTimes.min()!
print(
    "redaction of every record: \(format(redaction, 3)) CPU s (best of \(rounds)) — "
        + "\(format(redaction / Double(participants) * 1e6, 2)) µs per record, "
        + "\(format(redaction / facade * 100, 1)) % of the facade's time")
print(
    "peak memory: \(format(peakMiB(), 1)) MiB (includes the \(format(Double(totalBytes) / 1_048_576, 1)) MiB page store)"
)
