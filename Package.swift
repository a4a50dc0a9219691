// swift-tools-version:6.2
// Roster: one Swift API over the course-roster data of several LMS vendors.
//
// Library targets depend on nothing but the toolchain. Only the `roster` tool (the RosterCLI, roster and
// roster-serve targets) and its tests use packages, and only while the "CLI" trait is on (it is on by
// default in this repository). An app that depends on Roster's libraries should write `traits: []` on
// its `.package` line: it then fetches and builds no package at all.
import PackageDescription

/// The same strictness for every target, set in one place.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let cli: TargetDependencyCondition? = .when(traits: ["CLI"])

let package = Package(
    name: "Roster",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "RosterCore", targets: ["RosterCore"]),
        .library(name: "RosterHTTP", targets: ["RosterHTTP"]),
        .library(name: "RosterInMemory", targets: ["RosterInMemory"]),
        .library(name: "RosterSync", targets: ["RosterSync"]),
        .library(name: "RosterConformance", targets: ["RosterConformance"]),
        .library(name: "RosterFrontcore", targets: ["RosterFrontcore"]),
        .library(name: "FrontcoreSimulator", targets: ["FrontcoreSimulator"]),
        .library(name: "RosterMeltingspot", targets: ["RosterMeltingspot"]),
        .library(name: "MeltingspotSimulator", targets: ["MeltingspotSimulator"]),
        .library(name: "RosterCourseDashboard", targets: ["RosterCourseDashboard"]),
        .library(name: "CourseDashboardSimulator", targets: ["CourseDashboardSimulator"]),
        .executable(name: "roster", targets: ["roster"]),
        .executable(name: "roster-serve", targets: ["roster-serve"]),
        .executable(name: "roster-benchmarks", targets: ["RosterBenchmarks"]),
        .executable(name: "roster-fuzz", targets: ["RosterFuzz"]),
        .executable(name: "roster-sync-benchmark", targets: ["SyncBenchmark"]),
    ],
    traits: [
        .trait(name: "CLI", description: """
                Builds the roster tool with swift-argument-parser and swift-crypto, and its HTTP server \
                roster-serve (for `roster serve`) with Hummingbird.
                """),
        .default(enabledTraits: ["CLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Already in Hummingbird's graph; named because roster-serve and the HTTP tests import them directly.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Core
        .target(name: "RosterCore", path: "Sources/RosterCore", swiftSettings: strict),
        .target(name: "RosterHTTP", dependencies: ["RosterCore"], path: "Sources/RosterHTTP", swiftSettings: strict),
        .target(name: "RosterInMemory", dependencies: ["RosterCore", "RosterHTTP"],
                path: "Sources/RosterInMemory", swiftSettings: strict),
        .target(name: "RosterSync", dependencies: ["RosterCore"], path: "Sources/RosterSync", swiftSettings: strict),
        .target(name: "RosterConformance", dependencies: ["RosterCore", "RosterHTTP", "RosterSync"],
                path: "Conformance/RosterConformance", swiftSettings: strict),

        // Vendors: each one's adapter, simulator and tests live together under Providers/.
        .target(name: "RosterFrontcore", dependencies: ["RosterCore", "RosterHTTP"],
                path: "Providers/Frontcore/RosterFrontcore", swiftSettings: strict),
        .target(name: "FrontcoreSimulator", dependencies: ["RosterHTTP"],
                path: "Providers/Frontcore/FrontcoreSimulator", swiftSettings: strict),
        .target(name: "RosterMeltingspot", dependencies: ["RosterCore", "RosterHTTP"],
                path: "Providers/Meltingspot/RosterMeltingspot", swiftSettings: strict),
        .target(name: "MeltingspotSimulator", dependencies: ["RosterHTTP"],
                path: "Providers/Meltingspot/MeltingspotSimulator", swiftSettings: strict),
        .target(name: "RosterCourseDashboard", dependencies: ["RosterCore", "RosterHTTP"],
                path: "Providers/CourseDashboard/RosterCourseDashboard", swiftSettings: strict),
        .target(name: "CourseDashboardSimulator", dependencies: ["RosterHTTP"],
                path: "Providers/CourseDashboard/CourseDashboardSimulator", swiftSettings: strict),

        // The command-line tool: the only targets that may use packages. RosterCLI holds every command;
        // `roster` is its entry point, and `roster-serve` the HTTP server that `roster serve` starts, kept
        // apart so that building `roster` (for `swift run roster demo`) builds no Hummingbird or SwiftNIO.
        .target(
            name: "RosterCLI",
            dependencies: [
                "RosterCore", "RosterHTTP", "RosterInMemory", "RosterSync",
                "RosterFrontcore", "FrontcoreSimulator",
                "RosterMeltingspot", "MeltingspotSimulator",
                "RosterCourseDashboard", "CourseDashboardSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser", condition: cli),
                .product(name: "Crypto", package: "swift-crypto", condition: cli),
            ],
            path: "Sources/RosterCLI", swiftSettings: strict),
        .executableTarget(name: "roster", dependencies: ["RosterCLI"], path: "Sources/roster", swiftSettings: strict),
        .executableTarget(
            name: "roster-serve",
            dependencies: [
                "RosterCLI", "RosterHTTP",
                .product(name: "Hummingbird", package: "hummingbird", condition: cli),
                .product(name: "HTTPTypes", package: "swift-http-types", condition: cli),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: cli),
            ],
            path: "Sources/roster-serve", swiftSettings: strict),

        // Benchmarks (run by hand in release mode; see Benchmarks/README.md). Toolchain only.
        .executableTarget(
            name: "RosterBenchmarks",
            dependencies: [
                "RosterCore", "RosterHTTP", "RosterInMemory", "RosterFrontcore", "FrontcoreSimulator",
                "RosterMeltingspot", "MeltingspotSimulator", "RosterCourseDashboard", "CourseDashboardSimulator",
            ],
            path: "Benchmarks/RosterBenchmarks", swiftSettings: strict),

        // The fuzzer: a mutation engine and the vendor targets (used by each provider's fuzz-sample
        // test), and `roster-fuzz`, which runs a million cases (see Benchmarks/README.md). Toolchain only.
        .target(
            name: "RosterFuzzing",
            dependencies: [
                "RosterCore", "RosterHTTP", "RosterFrontcore", "FrontcoreSimulator", "RosterMeltingspot",
                "MeltingspotSimulator", "RosterCourseDashboard", "CourseDashboardSimulator",
            ],
            path: "Benchmarks/RosterFuzzing", swiftSettings: strict),
        .executableTarget(
            name: "RosterFuzz", dependencies: ["RosterFuzzing", "RosterCore"], path: "Benchmarks/RosterFuzz",
            swiftSettings: strict),
        .executableTarget(
            name: "SyncBenchmark",
            dependencies: [
                "RosterCore", "RosterHTTP", "RosterSync", "RosterFrontcore", "FrontcoreSimulator", "RosterMeltingspot",
                "MeltingspotSimulator", "RosterCourseDashboard", "CourseDashboardSimulator",
            ],
            path: "Benchmarks/SyncBenchmark", swiftSettings: strict),

        // Tests
        .testTarget(name: "RosterCoreTests", dependencies: ["RosterCore"], path: "Tests/RosterCoreTests",
                    swiftSettings: strict),
        .testTarget(name: "RosterHTTPTests",
                    dependencies: ["RosterCore", "RosterHTTP",
                                   .product(name: "Hummingbird", package: "hummingbird", condition: cli),
                                   .product(name: "NIOCore", package: "swift-nio", condition: cli)],
                    path: "Tests/RosterHTTPTests", swiftSettings: strict),
        .testTarget(name: "RosterInMemoryTests",
                    dependencies: ["RosterCore", "RosterHTTP", "RosterInMemory", "RosterConformance"],
                    path: "Tests/RosterInMemoryTests", swiftSettings: strict),
        .testTarget(name: "RosterFrontcoreTests",
                    dependencies: ["RosterCore", "RosterHTTP", "RosterFrontcore", "FrontcoreSimulator", "RosterConformance",
                                   "RosterFuzzing"],
                    path: "Providers/Frontcore/Tests", resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "RosterMeltingspotTests",
                    dependencies: ["RosterCore", "RosterHTTP", "RosterMeltingspot", "MeltingspotSimulator", "RosterConformance",
                                   "RosterFuzzing"],
                    path: "Providers/Meltingspot/Tests", resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "RosterCourseDashboardTests",
                    dependencies: ["RosterCore", "RosterHTTP", "RosterCourseDashboard", "CourseDashboardSimulator", "RosterConformance",
                                   "RosterFuzzing"],
                    path: "Providers/CourseDashboard/Tests", resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "RosterSyncTests",
                    dependencies: ["RosterCore", "RosterHTTP", "RosterSync", "RosterInMemory", "RosterConformance",
                                   "RosterFrontcore", "FrontcoreSimulator", "RosterMeltingspot", "MeltingspotSimulator",
                                   "RosterCourseDashboard", "CourseDashboardSimulator"],
                    path: "Tests/RosterSyncTests", swiftSettings: strict),
        .testTarget(name: "DocumentationTests",
                    dependencies: ["RosterCore", "RosterHTTP", "RosterInMemory", "RosterSync", "RosterFrontcore",
                                   "FrontcoreSimulator", "RosterMeltingspot", "MeltingspotSimulator",
                                   "RosterCourseDashboard", "CourseDashboardSimulator"],
                    path: "Tests/DocumentationTests", swiftSettings: strict),
        // Depends on both executables so that `swift test` builds the binaries the tests run.
        .testTarget(name: "RosterToolTests",
                    dependencies: ["roster", "roster-serve", "RosterCLI", "RosterCore", "RosterHTTP",
                                   "RosterCourseDashboard"],
                    path: "Tests/RosterToolTests", swiftSettings: strict),
    ]
)
