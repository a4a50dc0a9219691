import Foundation
import RosterCore
import Testing

@Suite struct RosterErrorTests {
    struct Person: Decodable {
        var name: String
        var age: Int
    }

    func decodingError(_ json: String) -> RosterError? {
        do {
            _ = try JSONDecoder().decode([Person].self, from: Data(json.utf8))
            return nil
        } catch let error as DecodingError {
            return RosterError.decoding(error, provider: "fake", method: "GET", path: "/people?api_key=s3cret-key")
        } catch {
            return nil
        }
    }

    @Test func aMissingKeyIsNamedByItsJSONPath() throws {
        let error = try #require(decodingError(#"[{"name":"Åse","age":3},{"age":4}]"#))
        #expect(error.code == .decoding)
        #expect(error.jsonPath == "$[1].name")
        #expect(error.description.contains("(at $[1].name)"))
    }

    @Test func aWrongTypeIsNamedByItsJSONPath() throws {
        let error = try #require(decodingError(#"[{"name":"Åse","age":"three"}]"#))
        #expect(error.jsonPath == "$[0].age")
    }

    @Test func malformedAndTruncatedBodiesStillNameAPath() throws {
        for body in ["<html>502</html>", #"[{"name":"Åse","ag"#] {
            let error = try #require(decodingError(body))
            #expect(error.code == .decoding)
            #expect(error.jsonPath?.hasPrefix("$") == true)
        }
    }

    @Test func pathsAreKeptWithoutTheirQuery() throws {
        let error = try #require(decodingError("[1]"))
        #expect(error.path == "/people")
        #expect(!error.description.contains("s3cret"))
        let plain = RosterError(.notFound, "gone", provider: "fake", httpStatus: 404, method: "GET", path: "/x/1#frag")
        #expect(plain.path == "/x/1")
        #expect(plain.description == "notFound [fake] GET /x/1 HTTP 404: gone")
    }

    @Test func theDescriptionCarriesRetryAfterAndFieldErrors() {
        let error = RosterError(
            .invalidArgument, "refused", retryAfterSeconds: 2,
            fieldErrors: [FieldError(field: "email", messages: ["taken"])])
        #expect(error.description == "invalidArgument: refused (retry after 2.0 s) — email: taken")
    }

    @Test func attributionKeepsAnExistingProvider() {
        let error = RosterError(.unavailable, "down", provider: "a")
        #expect(error.attributed(to: "b").provider == "a")
        #expect(RosterError(.unavailable, "down").attributed(to: "b").provider == "b")
    }

    @Test func vendorBodiesAreCappedAt4KiB() {
        let error = RosterError(.unavailable, "down", vendorBody: String(repeating: "x", count: 10_000))
        #expect(error.vendorBody?.count == 4096)
    }
}
