import Foundation
import RosterCore

/// Meltingspot's two time formats: participants carry ISO 8601 UTC strings, with or without
/// milliseconds (`2025-05-04T09:42:00Z`, `2025-08-22T17:45:44.919Z`); spot members carry integers in
/// epoch milliseconds.
enum MeltingspotTimestamps {
    /// Parses an ISO 8601 date-time with or without fractional seconds (kept to the microsecond);
    /// nil for anything else, or for an instant outside years 1–9999.
    static func instant(iso8601 text: String) -> Date? {
        if let date = ISO8601Instant.parse(text) { return date }
        let plain = Date.ISO8601FormatStyle()
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let date = text.contains(".")
            ? (try? fractional.parse(text)) ?? (try? plain.parse(text))
            : (try? plain.parse(text)) ?? (try? fractional.parse(text))
        return date.flatMap { ISO8601Instant.isSupported($0) ? $0 : nil }
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z; nil when that is NaN, infinite or
    /// outside years 1–9999.
    static func instant(epochMilliseconds milliseconds: Double) -> Date? {
        ISO8601Instant.instant(secondsSince1970: milliseconds / 1000)
    }
}
