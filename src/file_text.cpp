// read_file: POSIX open/fstat/read rather than std::ifstream, which opens a FIFO by waiting
// for a writer, reads a directory as an empty file and /dev/zero until memory runs out.
#include "file_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace subsidy::io::detail {

namespace {

[[noreturn]] void refuse(const std::string& file, const std::string& message) {
    throw load_error({Diagnostic{file, 0, 0, Code::cannot_read, message}});
}

// The limit, or why SUBSIDY_MAX_INPUT_BYTES is not one (the variable is read once).
struct Limit {
    std::size_t bytes = default_max_input_bytes;
    std::string problem;
};

Limit read_limit() {
    const char* v = std::getenv("SUBSIDY_MAX_INPUT_BYTES");
    if (v == nullptr || *v == '\0') return {};
    Limit l{0, ""};
    for (const char* c = v; *c != '\0'; ++c) {
        if (*c < '0' || *c > '9' || l.bytes > (std::size_t{1} << 60)) {
            l.problem = "SUBSIDY_MAX_INPUT_BYTES is '" + subsidy::detail::excerpt(v) +
                        "': expected the largest input as a whole number of bytes, such as 268435456";
            return l;
        }
        l.bytes = l.bytes * 10 + static_cast<std::size_t>(*c - '0');
    }
    return l;
}

std::size_t max_input_bytes(const std::string& file) {
    static const Limit limit = read_limit();
    if (!limit.problem.empty()) refuse(file, limit.problem);
    return limit.bytes;
}

std::string beyond_limit(const std::string& what, std::size_t limit) {
    return what + " more than the limit of " + std::to_string(limit) +
           " bytes for an input (set SUBSIDY_MAX_INPUT_BYTES to change it; the default is 256 MiB)";
}

// Why `path` could not be opened, for the message.
std::string open_failure(int error) {
    switch (error) {
        case ENOENT: return "no such file";
        case EACCES: return "permission denied: the file cannot be opened for reading";
        case ELOOP: return "too many levels of symbolic links (a symbolic link loop?): expected a regular file";
        case ENAMETOOLONG: return "the file name is too long: expected the name of a regular file";
        case ENOTDIR: return "a part of the path is not a directory: expected the name of a regular file";
        case ENXIO: return "not a regular file (a socket or a device without a driver): expected a regular file";
        default: return std::string("cannot open the file for reading: ") + std::strerror(error);
    }
}

// What a non-regular file is, for the message.
std::string kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

// Closes the descriptor it holds (never standard input's).
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (fd_ > STDIN_FILENO) ::close(fd_);
    }
    [[nodiscard]] int get() const noexcept { return fd_; }

private:
    int fd_;
};

// Reads `fd` to its end, up to limit + 1 bytes (one more tells a file beyond the limit);
// false if a read fails (errno says why).
bool read_all(int fd, std::size_t limit, std::string& text) {
    char buffer[1 << 16];
    while (text.size() <= limit) {
        const std::size_t want = std::min(sizeof buffer, limit + 1 - text.size());
        const ssize_t got = ::read(fd, buffer, want);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return false;
        if (got == 0) break;
        text.append(buffer, static_cast<std::size_t>(got));
    }
    return true;
}

std::string read_stdin() {
    const std::string name = "<stdin>";
    const std::size_t limit = max_input_bytes(name);
    std::string text;
    if (!read_all(STDIN_FILENO, limit, text)) refuse(name, std::string("cannot read standard input: ") + std::strerror(errno));
    if (text.size() > limit) refuse(name, beyond_limit("standard input has", limit));
    return text;
}

}  // namespace

std::string read_file(const std::string& path) {
    if (path == "-") return read_stdin();
    const std::size_t limit = max_input_bytes(path);
    // O_NONBLOCK: opening a FIFO does not wait for a writer; O_NOCTTY: a terminal does not
    // become ours. The checks below are made on what was opened, not on the name again.
    const Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0) refuse(path, open_failure(errno));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) refuse(path, std::string("cannot read the file: ") + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) refuse(path, kind_of(st.st_mode) + ", not a regular file: expected a regular file (or - for standard input)");
    if (static_cast<std::uintmax_t>(st.st_size) > limit)
        refuse(path, beyond_limit("the file has " + std::to_string(st.st_size) + " bytes,", limit));
    std::string text;
    text.reserve(static_cast<std::size_t>(st.st_size));
    if (!read_all(fd.get(), limit, text)) refuse(path, std::string("cannot read the file: ") + std::strerror(errno));
    if (text.size() > limit) refuse(path, beyond_limit("the file has grown to", limit));  // grown since fstat
    return text;
}

}  // namespace subsidy::io::detail
