import Foundation

/// Reading requests as a PHP server does: query and form fields by name (repeated `include[]`,
/// bracketed `custom_properties[key]`), with `+` read as a space in form bodies.
enum SimulatorRequests {
    /// Name → values of an `application/x-www-form-urlencoded` text.
    static func fields(_ text: Substring, plusIsSpace: Bool) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for pair in text.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ raw: Substring) -> String {
                let text = plusIsSpace ? raw.replacingOccurrences(of: "+", with: " ") : String(raw)
                return text.removingPercentEncoding ?? text
            }
            result[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return result
    }

    /// The query fields of `url`, decoded as PHP does: a bare `+` is a space (so an adapter that forgot
    /// to send `%2B` is caught by the tests).
    static func query(of url: URL) -> [String: [String]] {
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery else {
            return [:]
        }
        return fields(Substring(query), plusIsSpace: true)
    }

    /// A PUT body's fields, from a form or a JSON object; values as text (`true`/`false` as `1`/`0`)
    /// and `custom_properties` as a map where nil clears a key. Nil when the body is unreadable.
    static func update(body: Data, contentType: String?) -> [String: UpdateValue]? {
        if contentType?.lowercased().contains("json") == true {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
            var result: [String: UpdateValue] = [:]
            for (key, value) in object {
                if key == "custom_properties" {
                    guard let map = value as? [String: Any] else { return nil }
                    result[key] = .properties(map.mapValues { $0 is NSNull ? nil : "\($0)" })
                } else if let flag = value as? Bool {
                    result[key] = .text(flag ? "1" : "0")
                } else {
                    result[key] = .text("\(value)")
                }
            }
            return result
        }
        var result: [String: UpdateValue] = [:]
        var properties: [String: String?] = [:]
        for (name, values) in fields(Substring(decoding: body, as: UTF8.self), plusIsSpace: true) {
            if name.hasPrefix("custom_properties["), name.hasSuffix("]") {
                let key = String(name.dropFirst("custom_properties[".count).dropLast())
                properties[key] = values.last
            } else {
                result[name] = .text(values.last ?? "")
            }
        }
        if !properties.isEmpty { result["custom_properties"] = .properties(properties) }
        return result
    }

    /// One field of a PUT body.
    enum UpdateValue {
        case text(String)
        case properties([String: String?])
    }
}
