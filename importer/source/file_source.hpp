#pragma once

#include "source/source.hpp"

namespace offimport {

// A local file, or standard input when `path` is "-".
class FileSource final : public Source {
public:
    explicit FileSource(std::string path);
    ~FileSource() override;
    std::string describe() const override;
    void stream(const ByteSink& sink, SourceProgress& progress, const CancelFlag& cancel) override;

private:
    std::string path_;
    int fd_ = -1;
};

} // namespace offimport
