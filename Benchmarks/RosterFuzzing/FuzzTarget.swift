public import Foundation
public import RosterCore
public import RosterHTTP

/// One vendor decoder under fuzz: the seed documents it is fed mutations of, each with the adapter
/// call that decodes it through the real path (driver → standard client → `VendorAPI` → mapping)
/// over an in-process transport serving the mutated body.
public struct FuzzTarget: Sendable {
    /// The provider, e.g. `frontcore`.
    public let vendor: String
    /// The seed documents.
    public let seeds: [FuzzSeed]

    /// Creates a target.
    public init(vendor: String, seeds: [FuzzSeed]) {
        self.vendor = vendor
        self.seeds = seeds
    }
}

/// A seed document and the adapter call that decodes it.
public struct FuzzSeed: Sendable {
    /// Where the seed came from, e.g. `fixture frontcore-participants-list` or `simulator GET /participants`.
    public let name: String
    /// The seed, parsed.
    public var document: FuzzJSON { shape.document }
    /// The seed with its node paths worked out.
    public let shape: FuzzMutator.Shape
    /// True for a listing page (the campaign truncates the smallest page at every byte).
    public let isPage: Bool
    /// Serves `body` to the adapter and runs the call; returns what it decoded, or throws.
    public let exercise: @Sendable (Data) async throws -> FuzzYield

    /// Creates a seed; nil when `bytes` is no JSON.
    public init?(
        name: String, bytes: Data, isPage: Bool, exercise: @escaping @Sendable (Data) async throws -> FuzzYield
    ) {
        guard let document = FuzzJSON(parsing: Array(bytes)) else { return nil }
        self.init(name: name, document: document, isPage: isPage, exercise: exercise)
    }

    /// The same seed with every array longer than `count` cut to its first `count` elements: a
    /// smaller page fuzzes faster and loses no field shape.
    public func trimmed(toArraysOf count: Int) -> FuzzSeed {
        func trim(_ node: FuzzJSON) -> FuzzJSON {
            switch node {
            case .array(let items): .array(items.prefix(count).map(trim))
            case .object(let members): .object(members.map { .init($0.key, trim($0.value)) })
            default: node
            }
        }
        return FuzzSeed(name: name, document: trim(document), isPage: isPage, exercise: exercise)
    }

    private init(
        name: String, document: FuzzJSON, isPage: Bool, exercise: @escaping @Sendable (Data) async throws -> FuzzYield
    ) {
        self.name = name
        self.shape = FuzzMutator.Shape(document)
        self.isPage = isPage
        self.exercise = exercise
    }
}

/// What one adapter call decoded: how many records, and every way they break the model's promises.
public struct FuzzYield: Sendable {
    /// Records (or courses, members…) decoded.
    public var records: Int
    /// Broken promises, e.g. `completionRate 250 outside 0...100`; empty when all is well.
    public var problems: [String]

    /// Creates a yield.
    public init(records: Int, problems: [String]) {
        self.records = records
        self.problems = problems
    }

    /// The yield of `enrollments`, checked by `FuzzChecks`.
    public static func of(_ enrollments: [Enrollment]) -> FuzzYield {
        FuzzYield(records: enrollments.count, problems: enrollments.flatMap(FuzzChecks.problems))
    }

    /// The yield of `courses`, checked by `FuzzChecks`.
    public static func of(_ courses: [Course]) -> FuzzYield {
        FuzzYield(records: courses.count, problems: courses.flatMap(FuzzChecks.problems))
    }
}

/// The promises a decoded record keeps whatever the vendor sent: progress in 0–100, instants in the
/// supported range that format and parse back, offsets within ±18 hours, finite coordinates.
public enum FuzzChecks {
    /// Every broken promise of `enrollment`.
    public static func problems(_ enrollment: Enrollment) -> [String] {
        var problems: [String] = []
        if let rate = enrollment.completionRate, !VendorNumbers.percentages.contains(rate) {
            problems.append("completionRate \(rate) outside 0...100")
        }
        let times = enrollment.timestamps
        for instant in [
            times.enrolledAt, times.invitedAt, times.startedAt, times.completedAt, times.cancelledAt,
            times.lastActivityAt, times.createdAt, times.updatedAt, times.statusChangedAt,
        ] {
            problems += instantProblems(instant)
        }
        if let offset = enrollment.session?.utcOffsetSeconds, abs(offset) > 18 * 3600 {
            problems.append("utcOffsetSeconds \(offset) beyond ±18 h")
        }
        if let location = enrollment.session?.location {
            let coordinates = [("latitude", location.latitude, 90.0), ("longitude", location.longitude, 180)]
            for (name, value, limit) in coordinates {
                if let value, !(value.isFinite && abs(value) <= limit) {
                    problems.append("\(name) \(value) out of range")
                }
            }
        }
        return problems
    }

    /// Every broken promise of `course`.
    public static func problems(_ course: Course) -> [String] {
        instantProblems(course.createdAt) + instantProblems(course.updatedAt)
    }

    /// The problems of one instant: outside the supported range, or not surviving format → parse.
    public static func instantProblems(_ instant: Date?) -> [String] {
        guard let instant else { return [] }
        guard ISO8601Instant.isSupported(instant) else {
            return ["instant \(instant.timeIntervalSince1970) out of range"]
        }
        let text = ISO8601Instant.format(instant)
        guard let back = ISO8601Instant.parse(text), abs(back.timeIntervalSince(instant)) < 0.000_001 else {
            return ["instant \(instant.timeIntervalSince1970) formats as \(text), which does not parse back"]
        }
        return []
    }
}

/// Serves one body (HTTP 200, JSON) to every request: the in-process "vendor" of a fuzz case.
public final class ServedBodyTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var body = Data()

    /// Creates a transport serving an empty body.
    public init() {}

    /// Serves `data` from now on.
    public func serve(_ data: Data) { lock.withLock { body = data } }

    /// Answers with the body being served.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: lock.withLock { body })
    }
}

/// A simulator request's answer body, for seeds taken from simulator output.
func simulatorBody(
    _ handle: (HTTPRequest) async -> HTTPResponse, _ url: String, headers: HTTPHeaders
) async -> Data {
    await handle(HTTPRequest(method: .get, url: URL(string: url)!, headers: headers)).body
}
