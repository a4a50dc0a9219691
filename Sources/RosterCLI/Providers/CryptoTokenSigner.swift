#if CLI
import Crypto
import Foundation
import RosterCourseDashboard

/// The tool's `CourseDashboardTokenSigner`: HMAC-SHA256 from swift-crypto. The library mints the
/// token (`CourseDashboardTokenMinter`); this only signs, so library users bring their own signer
/// and the library targets stay free of packages.
struct CryptoTokenSigner: CourseDashboardTokenSigner {
    func hmacSHA256(_ message: Data, key: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
#endif
