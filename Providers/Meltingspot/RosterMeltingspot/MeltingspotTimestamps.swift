import Foundation

/// Meltingspot's two time formats: participants carry ISO 8601 UTC strings, with or without
/// milliseconds (`2025-05-04T09:42:00Z`, `2025-08-22T17:45:44.919Z`); spot members carry integers in
/// epoch milliseconds.
enum MeltingspotTimestamps {
    /// Parses an ISO 8601 date-time with or without fractional seconds; nil for anything else.
    static func instant(iso8601 text: String) -> Date? {
        let plain = Date.ISO8601FormatStyle()
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if text.contains(".") {
            return (try? fractional.parse(text)) ?? (try? plain.parse(text))
        }
        return (try? plain.parse(text)) ?? (try? fractional.parse(text))
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    static func instant(epochMilliseconds milliseconds: Double) -> Date {
        Date(timeIntervalSince1970: milliseconds / 1000)
    }
}
