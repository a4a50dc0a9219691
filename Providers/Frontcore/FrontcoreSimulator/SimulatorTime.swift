import Foundation

/// Time as the vendor writes and reads it: timestamps as ISO 8601 with the Oslo offset of the day
/// (`+01:00` in winter, `+02:00` in summer), and date filters as Oslo-local `yyyy-mm-dd` or
/// `yyyy-mm-dd hh:mm:ss`.
struct SimulatorTime: Sendable {
    let zone = TimeZone(identifier: "Europe/Oslo")!
    private let calendar: Calendar

    init() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// `2021-11-25T15:52:56+01:00`.
    func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let instant = Date(timeIntervalSince1970: seconds)
        let offset = zone.secondsFromGMT(for: instant)
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return "\(pad(p.year!, 4))-\(pad(p.month!))-\(pad(p.day!))T\(pad(p.hour!)):\(pad(p.minute!)):\(pad(p.second!))"
            + "\(sign)\(pad(hours)):\(pad(minutes))"
    }

    /// The instant of a filter value, read in Oslo time; nil when it is neither documented form.
    func filterInstant(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        let day = parts.first.map { $0.split(separator: "-").compactMap { Int($0) } } ?? []
        guard day.count == 3, parts.count <= 2 else { return nil }
        var components = DateComponents(year: day[0], month: day[1], day: day[2], hour: 0, minute: 0, second: 0)
        if parts.count == 2 {
            let time = parts[1].split(separator: ":").compactMap { Int($0) }
            guard time.count == 3 else { return nil }
            components.hour = time[0]
            components.minute = time[1]
            components.second = time[2]
        }
        return calendar.date(from: components)
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
