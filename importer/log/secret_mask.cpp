#include "log/secret_mask.hpp"

namespace offimport {

std::string mask_secrets_in(std::string text, const std::vector<std::string>& secrets) {
    // The mask and what follows it may form a secret again (a password holding "***"), and
    // masking one secret may complete another: passes go on until one changes nothing. Each
    // replacement shortens the text, so they end.
    for (bool masked = true; masked;) {
        masked = false;
        for (const auto& secret : secrets) {
            if (secret.size() < min_secret_bytes) {
                continue;
            }
            for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret)) {
                text.replace(at, secret.size(), "***");
                masked = true;
            }
        }
    }
    return text;
}

} // namespace offimport
