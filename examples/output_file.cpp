// The output rules of output_file.hpp, on POSIX (Linux): see docs/output.md.
#include "output_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <streambuf>
#include <system_error>
#include <vector>

namespace subsidy_drivers {
namespace {

namespace fs = std::filesystem;
namespace io = subsidy::io;

constexpr int max_symlinks = 40;  // as the kernel (ELOOP)

[[noreturn]] void refuse(const std::string& path, const std::string& message) {
    throw io::load_error({io::Diagnostic{path, 0, 0, io::Code::output, message}});
}

[[noreturn]] void cannot_write(const std::string& name, int error) {
    throw output_error("cannot write " + name + ": " + std::strerror(error));
}

// The input among `inputs` that is the regular file `st`, or nullptr. Only regular files are
// compared: a terminal or a FIFO read and written is not a file lost.
const std::string* input_that_is(const struct stat& st, const std::vector<std::string>& inputs) {
    if (!S_ISREG(st.st_mode)) return nullptr;
    for (const std::string& input : inputs) {
        struct stat in {};
        const bool is_stdin = input == "-" || input == "<stdin>";
        if ((is_stdin ? ::fstat(0, &in) : ::stat(input.c_str(), &in)) != 0) continue;
        if (S_ISREG(in.st_mode) && in.st_dev == st.st_dev && in.st_ino == st.st_ino) return &input;
    }
    return nullptr;
}

void refuse_if_input(const std::string& path, const struct stat& st, const std::vector<std::string>& inputs) {
    if (const std::string* input = input_that_is(st, inputs))
        refuse(path, "is an input of this run (" + (*input == "-" ? std::string("<stdin>") : *input) +
                         "): not overwritten; choose another output file");
}

// SIGXFSZ ignored while it lives: a file-size limit is then the error EFBIG of write(), which
// is reported and lets the temporary be removed, instead of a killed process.
class FileSizeSignalIgnored {
public:
    FileSizeSignalIgnored() {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        restore_ = ::sigaction(SIGXFSZ, &ignore, &previous_) == 0;
    }
    ~FileSizeSignalIgnored() {
        if (restore_) ::sigaction(SIGXFSZ, &previous_, nullptr);
    }
    FileSizeSignalIgnored(const FileSizeSignalIgnored&) = delete;
    FileSizeSignalIgnored& operator=(const FileSizeSignalIgnored&) = delete;

private:
    struct sigaction previous_ {};
    bool restore_ = false;
};

// A stream buffer over a file descriptor that sees every error: the errno of the first
// failed write() is kept (error()), and nothing is written after it.
class FdBuffer : public std::streambuf {
public:
    explicit FdBuffer(int fd) : fd_(fd), buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
    [[nodiscard]] int error() const noexcept { return error_; }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        const auto room = static_cast<std::streamsize>(epptr() - pptr());
        if (n <= room) {
            std::memcpy(pptr(), s, static_cast<std::size_t>(n));
            pbump(static_cast<int>(n));
            return n;
        }
        if (!drain()) return 0;
        if (n < static_cast<std::streamsize>(buffer_.size())) return xsputn(s, n);
        return write_all(s, static_cast<std::size_t>(n)) ? n : 0;
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain() {
        const auto n = static_cast<std::size_t>(pptr() - pbase());
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return write_all(buffer_.data(), n);
    }
    // write() until all is written: partial writes continue, EINTR retries.
    bool write_all(const char* p, std::size_t n) {
        while (error_ == 0 && n > 0) {
            const ssize_t written = ::write(fd_, p, n);
            if (written < 0) {
                if (errno != EINTR) error_ = errno;
            } else if (written == 0) {
                error_ = EIO;
            } else {
                p += written;
                n -= static_cast<std::size_t>(written);
            }
        }
        return error_ == 0;
    }

    int fd_;
    std::vector<char> buffer_;
    int error_ = 0;
};

// Runs `fill` on a stream over `fd`, then flushes it; output_error naming `name` if anything
// failed.
void fill_fd(int fd, const std::string& name, const OutputFiller& fill) {
    FdBuffer buffer(fd);
    std::ostream out(&buffer);
    fill(out);
    out.flush();
    if (buffer.error() != 0) cannot_write(name, buffer.error());
    if (!out) throw output_error("cannot write " + name);
}

// Standard output: written in place, whatever it is; refused if it is a regular file that
// the run read (`subsidy-calc compute s.yaml >> s.yaml`). `path`: the name to refuse it by.
void write_standard_output(const std::string& path, const std::vector<std::string>& inputs, const OutputFiller& fill) {
    const std::string name = "standard output";
    struct stat st {};
    if (::fstat(1, &st) == 0) refuse_if_input(path, st, inputs);
    std::cout.flush();  // anything the driver wrote before goes first
    FileSizeSignalIgnored no_sigxfsz;
    fill_fd(1, name, fill);
    // The errors a file system reports only when a descriptor is closed (NFS), without
    // closing standard output itself.
    const int copy = ::dup(1);
    if (copy >= 0 && ::close(copy) != 0 && errno != EINTR) cannot_write(name, errno);
}

// What an -o names: its final target.
struct Target {
    std::string file;    // the special file as named; else the final target, absolute (for the rename)
    std::string dir;     // the directory of `file` (regular or new)
    bool exists = false;
    struct stat st {};   // when it exists
};

std::string describe(int error) {
    switch (error) {
        case ENOTDIR: return "a component of the path is not a directory";
        case ELOOP: return "too many levels of symbolic links";
        default: return std::strerror(error);
    }
}

// The directory and the file name of `name`, a file that does not exist: the directory must.
Target new_file(const std::string& path, const std::string& name) {
    const fs::path p(name);
    const std::string base = p.filename().string();
    if (base.empty() || base == "." || base == "..") refuse(path, "is a directory");
    const std::string dir = p.parent_path().empty() ? std::string(".") : p.parent_path().string();
    struct stat ds {};
    if (::stat(dir.c_str(), &ds) != 0) {
        if (errno == ENOENT) refuse(path, "cannot be created: no such directory '" + dir + "'");
        refuse(path, "cannot be created in '" + dir + "': " + describe(errno));
    }
    if (!S_ISDIR(ds.st_mode)) refuse(path, "cannot be created: '" + dir + "' is not a directory");
    char* real = ::realpath(dir.c_str(), nullptr);
    if (real == nullptr) refuse(path, "cannot be created in '" + dir + "': " + describe(errno));
    Target t;
    t.dir = real;
    std::free(real);
    t.file = (t.dir == "/" ? t.dir : t.dir + "/") + base;
    return t;
}

Target resolve(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) refuse(path, "is a directory");
        Target t;
        t.exists = true;
        t.st = st;
        if (!S_ISREG(st.st_mode)) {  // written in place, by the name given (/dev/stdout works)
            t.file = path;
            return t;
        }
        char* real = ::realpath(path.c_str(), nullptr);
        if (real == nullptr) refuse(path, describe(errno));
        t.file = real;
        std::free(real);
        t.dir = fs::path(t.file).parent_path().string();
        if (t.dir.empty()) t.dir = "/";
        return t;
    }
    if (errno != ENOENT) refuse(path, describe(errno));
    if (path.back() == '/') refuse(path, "no such directory");
    // No file: the name itself, or the end of a chain of symbolic links (a dangling one).
    std::string name = path;
    for (int hops = 0;; ++hops) {
        struct stat link {};
        if (::lstat(name.c_str(), &link) != 0) {
            if (errno != ENOENT) refuse(path, describe(errno));
            return new_file(path, name);
        }
        if (!S_ISLNK(link.st_mode)) refuse(path, "changed while being looked at");  // created since stat()
        if (hops == max_symlinks) refuse(path, describe(ELOOP));
        std::error_code ec;
        const fs::path to = fs::read_symlink(name, ec);
        if (ec) refuse(path, "cannot read the symbolic link '" + name + "': " + ec.message());
        name = to.is_absolute() ? to.string() : (fs::path(name).parent_path() / to).string();
    }
}

mode_t current_umask() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

// A special file (a device, a FIFO, a terminal): opened and written, never replaced.
void write_special(const std::string& path, const Target& t, const OutputFiller& fill) {
    int fd = -1;
    do {
        fd = ::open(t.file.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) refuse(path, "cannot be opened for writing: " + describe(errno));
    FileSizeSignalIgnored no_sigxfsz;
    try {
        fill_fd(fd, path, fill);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0 && errno != EINTR) cannot_write(path, errno);
}

// May the user write (or create) the file, and replace it in its directory?
void check_writable(const std::string& path, const Target& t) {
    if (t.exists && ::faccessat(AT_FDCWD, t.file.c_str(), W_OK, AT_EACCESS) != 0)
        refuse(path, "is not writable: " + describe(errno));
    const std::string what = t.exists ? "cannot be replaced" : "cannot be created";
    if (::faccessat(AT_FDCWD, t.dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
        refuse(path, what + ": its directory '" + t.dir + "' is not writable: " + describe(errno));
    struct stat ds {};
    const uid_t me = ::geteuid();
    if (t.exists && me != 0 && ::stat(t.dir.c_str(), &ds) == 0 && (ds.st_mode & S_ISVTX) != 0 && t.st.st_uid != me &&
        ds.st_uid != me)
        refuse(path, what + ": it belongs to another user, in the sticky directory '" + t.dir + "'");
}

// The temporary file of an atomic write: closed and removed unless committed.
class Temporary {
public:
    Temporary(const std::string& path, const Target& t) {
        std::string base = fs::path(t.file).filename().string().substr(0, 200);
        name_ = (t.dir == "/" ? t.dir : t.dir + "/") + "." + base + ".XXXXXX";
        std::vector<char> pattern(name_.begin(), name_.end());
        pattern.push_back('\0');
        fd_ = ::mkstemp(pattern.data());
        if (fd_ < 0) {
            const int error = errno;
            if (error == EACCES || error == EPERM || error == EROFS)
                refuse(path, "cannot create a temporary file in '" + t.dir + "': " + describe(error));
            cannot_write(path, error);
        }
        name_ = pattern.data();
    }
    ~Temporary() {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_) ::unlink(name_.c_str());
    }
    Temporary(const Temporary&) = delete;
    Temporary& operator=(const Temporary&) = delete;

    [[nodiscard]] int fd() const noexcept { return fd_; }
    // Closes it (the errors a file system reports at close are write errors).
    int close() {
        const int result = ::close(fd_);
        fd_ = -1;
        return result == 0 || errno == EINTR ? 0 : errno;
    }
    // Renames it to `file`; the errno of a failure.
    int rename_to(const std::string& file) {
        if (::rename(name_.c_str(), file.c_str()) != 0) return errno;
        committed_ = true;
        return 0;
    }

private:
    std::string name_;
    int fd_ = -1;
    bool committed_ = false;
};

// A regular file (existing or new): a temporary in its directory, renamed over it.
void write_regular(const std::string& path, const Target& t, const OutputFiller& fill) {
    check_writable(path, t);
    Temporary tmp(path, t);
    {
        FileSizeSignalIgnored no_sigxfsz;
        fill_fd(tmp.fd(), path, fill);
    }
    if (t.exists) {
        // The owner first (chown may clear the set-id bits), kept if the user can: root, or a
        // group the user belongs to.
        if (::fchown(tmp.fd(), ::geteuid() == 0 ? t.st.st_uid : static_cast<uid_t>(-1), t.st.st_gid) != 0) {
            // not ours to give: the file is the user's, like a new one
        }
        if (::fchmod(tmp.fd(), t.st.st_mode & 07777) != 0) cannot_write(path, errno);
    } else if (::fchmod(tmp.fd(), 0666 & ~current_umask()) != 0) {  // what open(O_CREAT, 0666) gives
        cannot_write(path, errno);
    }
    if (const int error = tmp.close(); error != 0) cannot_write(path, error);
    if (const int error = tmp.rename_to(t.file); error != 0) cannot_write(path, error);
}

}  // namespace

void write_output_with(const std::string& path, const std::vector<std::string>& inputs, const OutputFiller& fill) {
    if (path.empty() || path == "-") {
        write_standard_output("<stdout>", inputs, fill);
        return;
    }
    const Target t = resolve(path);
    if (t.exists) refuse_if_input(path, t.st, inputs);
    // Standard output by another name (/dev/stdout, /dev/fd/1): written through it, so that
    // `-o /dev/stdout >> log` appends as the shell asked, instead of replacing the log.
    if (struct stat out {}; t.exists && ::fstat(1, &out) == 0 && out.st_dev == t.st.st_dev && out.st_ino == t.st.st_ino) {
        write_standard_output(path, inputs, fill);
        return;
    }
    if (t.exists && !S_ISREG(t.st.st_mode)) {
        write_special(path, t, fill);
    } else {
        write_regular(path, t, fill);
    }
}

void write_output(const std::string& path, const std::string& text, const std::vector<std::string>& inputs) {
    write_output_with(path, inputs, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

}  // namespace subsidy_drivers
