// roster-fuzz: runs the structure-aware fuzzer against every vendor decoder, a million cases per
// vendor by default, and reports cases per second, outcomes, failures and crashes.
//
//     swift run -c release --disable-default-traits roster-fuzz [--cases N] [--vendor NAME] [--seed S]
//     swift run -c release --disable-default-traits roster-fuzz --vendor frontcore --show 123456
//
// The cases run in a child process (this program started again with --worker), which notes the number
// of each case before running it: a crash (a trap, a stack overflow) kills only the child, the parent
// counts it, names the case, and starts a new child after it. See Benchmarks/README.md.
import Foundation
import RosterCore
import RosterFuzzing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Options {
    var cases = 1_000_000
    var seed: UInt64 = 0x5EED
    var vendors = ["frontcore", "meltingspot", "course-dashboard"]
    var repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    var worker: (from: Int, to: Int, progress: String)?
    var show: Int?
    /// Cut every seed's arrays to this many elements (the `swift test` samples use 2).
    var trim: Int?
    /// The longest huge string planted (the `swift test` samples use 1024).
    var maxString = 1 << 14
    /// The most copies of an array element appended (the `swift test` samples use 3).
    var maxCopies = 1000
    /// Child processes run at once, each on its own share of the cases.
    var jobs = 1

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError(message: "\(name) needs a value") }
            return next
        }
        func number(_ name: String) throws -> Int {
            guard let number = Int(try value(name)), number >= 0 else {
                throw UsageError(message: "\(name) needs a count")
            }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--cases": cases = try number(argument)
            case "--seed":
                guard let parsed = UInt64(try value(argument)) else {
                    throw UsageError(message: "--seed needs a number")
                }
                seed = parsed
            case "--vendor": vendors = [try value(argument)]
            case "--repository": repository = URL(fileURLWithPath: try value(argument))
            case "--show": show = try number(argument)
            case "--trim": trim = try number(argument)
            case "--max-string": maxString = max(1, try number(argument))
            case "--max-copies": maxCopies = try number(argument)
            case "--jobs": jobs = max(1, try number(argument))
            case "--worker":
                worker = (try number("--worker from"), try number("--worker to"), try value("--worker progress"))
            case "--help", "-h":
                print(
                    "usage: roster-fuzz [--cases N] [--vendor frontcore|meltingspot|course-dashboard] [--seed S] "
                        + "[--trim N] [--max-string N] [--max-copies N] [--jobs N] [--show CASE]")
                exit(0)
            default: throw UsageError(message: "unknown argument \(argument)")
            }
        }
    }
}

struct UsageError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The vendor's samples from its provider's test fixtures, as (name, bytes).
func fixtures(_ repository: URL, _ vendor: String, _ names: [String]) -> [(String, Data)] {
    names.compactMap { name in
        let url = repository.appendingPathComponent("Providers/\(vendor)/Tests/Fixtures/\(name).json")
        return (try? Data(contentsOf: url)).map { ("fixture \(name)", $0) }
    }
}

func target(_ vendor: String, repository: URL) async throws -> FuzzTarget {
    switch vendor {
    case "frontcore":
        return try await .frontcore(
            participantLists: fixtures(repository, "Frontcore", ["frontcore-participants-list"]),
            participants: fixtures(repository, "Frontcore", ["frontcore-participant-put-response"]),
            legalBasisLists: fixtures(repository, "Frontcore", ["frontcore-legalbases-list"]))
    case "meltingspot":
        return try await .meltingspot(
            participants: fixtures(repository, "Meltingspot", ["meltingspot-course-participant"]))
    case "course-dashboard":
        return try await .courseDashboard(
            userPages: fixtures(repository, "CourseDashboard", ["course-users-page", "course-users-malformed"]),
            coursePages: fixtures(repository, "CourseDashboard", ["courses-page"]))
    default:
        throw UsageError(message: "unknown vendor \(vendor)")
    }
}

/// The campaign `options` describe for `vendor`.
func campaign(_ vendor: String, _ options: Options) async throws -> FuzzCampaign {
    var fuzzTarget = try await target(vendor, repository: options.repository)
    if let trim = options.trim {
        fuzzTarget = FuzzTarget(vendor: fuzzTarget.vendor, seeds: fuzzTarget.seeds.map { $0.trimmed(toArraysOf: trim) })
    }
    return FuzzCampaign(
        target: fuzzTarget, seed: options.seed,
        mutator: FuzzMutator(maxStringLength: options.maxString, maxCopies: options.maxCopies))
}

/// Runs cases `from..<to` in this process, writing each case number to `progress` before running it,
/// and prints the tally (`tally …`) and every failure (`failure …`) on stdout.
func work(_ campaign: FuzzCampaign, from: Int, to: Int, progress: String) async {
    let descriptor = open(progress, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var tally = FuzzCampaign.Tally()
    for index in from..<to {
        var number = Int64(index)
        _ = withUnsafeBytes(of: &number) { pwrite(descriptor, $0.baseAddress, 8, 0) }
        let (code, failure) = await campaign.run(index)
        tally.cases += 1
        if let code { tally.errors[code, default: 0] += 1 } else if failure == nil { tally.decoded += 1 }
        if let failure {
            tally.failureCount += 1
            print("failure \(tally.failureCount <= 50 ? failure.description : "(not shown)")")
        }
    }
    close(descriptor)
    let codes = tally.errors.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")
    print("tally \(tally.cases) \(tally.decoded) \(tally.failureCount) \(codes)")
}

/// What the child processes of one vendor's run reported.
struct VendorRun {
    var cases = 0
    var decoded = 0
    var failures = 0
    var errors: [String: Int] = [:]
    var crashes: [(index: Int, detail: String)] = []
    var failureLines: [String] = []
}

/// The runs of parallel jobs, gathered under a lock.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [Result<VendorRun, any Error>] = []

    func add(_ run: Result<VendorRun, any Error>) { lock.withLock { runs.append(run) } }

    func merged() throws -> VendorRun {
        var total = VendorRun()
        for result in lock.withLock({ runs }) {
            let run = try result.get()
            total.cases += run.cases
            total.decoded += run.decoded
            total.failures += run.failures
            total.errors.merge(run.errors, uniquingKeysWith: +)
            total.crashes += run.crashes
            total.failureLines += run.failureLines.prefix(max(0, 20 - total.failureLines.count))
        }
        return total
    }
}

/// Runs cases `cases` of `vendor` in child processes, starting a new child after each crash.
func supervise(vendor: String, options: Options, cases: Range<Int>, job: Int) throws -> VendorRun {
    var run = VendorRun()
    var next = cases.lowerBound
    let progress = FileManager.default.temporaryDirectory
        .appendingPathComponent("roster-fuzz-\(getpid())-\(job).progress").path
    while next < cases.upperBound {
        let child = Process()
        child.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = [
            "--vendor", vendor, "--seed", String(options.seed), "--repository", options.repository.path,
            "--max-string", String(options.maxString), "--max-copies", String(options.maxCopies),
            "--worker", String(next), String(cases.upperBound), progress,
        ] + (options.trim.map { ["--trim", String($0)] } ?? [])
        let output = Pipe()
        // A file, not a pipe, for stderr: the parent reads stdout to its end first and must not block.
        _ = FileManager.default.createFile(atPath: progress + ".stderr", contents: nil)
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: progress + ".stderr"))
        child.standardOutput = output
        child.standardError = errors
        try child.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        try? errors.close()
        let stderr = (try? Data(contentsOf: URL(fileURLWithPath: progress + ".stderr"))) ?? Data()
        for line in String(decoding: stdout, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("failure ") {
                run.failures += 1
                if run.failureLines.count < 20 { run.failureLines.append(String(line.dropFirst(8))) }
            } else if line.hasPrefix("tally ") {
                let fields = line.split(separator: " ")
                run.cases += Int(fields[1]) ?? 0
                run.decoded += Int(fields[2]) ?? 0
                for field in fields.dropFirst(4) {
                    let pair = field.split(separator: "=")
                    if pair.count == 2 { run.errors[String(pair[0]), default: 0] += Int(pair[1]) ?? 0 }
                }
            }
        }
        if child.terminationReason == .exit && child.terminationStatus == 0 { break }
        // The child died: the progress file names the case it was running.
        let noted = (try? Data(contentsOf: URL(fileURLWithPath: progress))) ?? Data()
        let crashed = noted.count == 8 ? Int(noted.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }) : next
        let detail = String(decoding: stderr.suffix(600), as: UTF8.self)
        run.crashes.append((crashed, "signal/status \(child.terminationStatus): \(detail)"))
        // Cases before the crash ran but printed no tally: count them, then go on after the crash.
        run.cases += crashed - next + 1
        next = crashed + 1
    }
    try? FileManager.default.removeItem(atPath: progress)
    try? FileManager.default.removeItem(atPath: progress + ".stderr")
    return run
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    if let worker = options.worker {
        let campaign = try await campaign(options.vendors[0], options)
        await work(campaign, from: worker.from, to: worker.to, progress: worker.progress)
        exit(0)
    }
    if let show = options.show {
        let campaign = try await campaign(options.vendors[0], options)
        let fuzzCase = campaign.makeCase(show)
        print(
            "case \(show) of \(options.vendors[0]) from \(fuzzCase.seed.name): "
                + fuzzCase.steps.joined(separator: "; "))
        // Through print, like the lines around it, so the output keeps its order.
        print(String(decoding: fuzzCase.body.prefix(4096), as: UTF8.self))
        print("(\(fuzzCase.body.count) bytes)")
        let (code, failure) = await campaign.run(show)
        print(failure.map { "FAILURE \($0.problem)" } ?? code.map { "RosterError \($0.rawValue)" } ?? "decoded")
        exit(0)
    }
    var totalCrashes = 0
    var totalFailures = 0
    for vendor in options.vendors {
        let campaign = try await campaign(vendor, options)
        print(
            "\(vendor): \(campaign.target.seeds.count) seeds "
                + "(\(campaign.target.seeds.map(\.name).joined(separator: ", "))); "
                + "first \(campaign.truncationCases) cases truncate \(campaign.truncated?.name ?? "-") at every byte")
        let started = Date()
        // `--jobs` children at once, each on its own share of the case numbers.
        let shares = (0..<options.jobs).map { job in
            (options.cases * job / options.jobs)..<(options.cases * (job + 1) / options.jobs)
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: options.jobs) { job in
            results.add(Result { try supervise(vendor: vendor, options: options, cases: shares[job], job: job) })
        }
        let run = try results.merged()
        let seconds = Date().timeIntervalSince(started)
        let codes = run.errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " · ")
        print(
            "  \(run.cases) cases in \(String(format: "%.1f", seconds)) s = "
                + "\(Int(Double(run.cases) / max(seconds, 0.001))) cases/s; decoded \(run.decoded), "
                + "RosterError \(codes); failures \(run.failures); crashes \(run.crashes.count)")
        for line in run.failureLines { print("  failure: \(line)") }
        for crash in run.crashes { print("  CRASH at case \(crash.index): \(crash.detail)") }
        totalCrashes += run.crashes.count
        totalFailures += run.failures
    }
    print("total: \(totalCrashes) crashes, \(totalFailures) failures")
    exit(totalCrashes + totalFailures == 0 ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("roster-fuzz: \(error)\n".utf8))
    exit(2)
}
