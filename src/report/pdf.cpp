// HTML printed to PDF by headless Chromium (pdf_print.h), and the report as PDF: CSS @page margin
// boxes give the page numbers, and the report is printed twice so that the table of contents can
// name each section's page: the first print has placeholders, pdftotext (poppler-utils) reads
// back where each heading landed, the second print carries those numbers. Chromium runs as a
// child process with its own arguments (no shell), its own fresh profile and a deadline; its
// output goes to a file beside the destination that is renamed into place only when it is a PDF.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/text.h"
#include "report/output_file.h"
#include "report/pdf_pages.h"
#include "report/pdf_print.h"
#include "report/report.h"

extern char** environ;

namespace agp::report {
namespace {

namespace fs = std::filesystem;

// ---- programs --------------------------------------------------------------------------------

bool IsExecutableFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && access(p.c_str(), X_OK) == 0;
}

// `name` itself when it contains a slash, else the first executable of that name on PATH.
std::optional<std::string> FindProgram(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) {
    if (IsExecutableFile(name)) return name;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    const size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    const fs::path candidate = fs::path(dir.empty() ? "." : std::string(dir)) / name;
    if (IsExecutableFile(candidate)) return candidate.string();
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

core::Result<std::string> FindChromium(const PdfOptions& options) {
  std::optional<std::string> found;
  if (!options.chromium.empty()) {
    found = FindProgram(options.chromium);
  } else {
    found = FindProgram("chromium");
    if (!found) found = FindProgram("chromium-browser");
  }
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       "PDF krever Chromium: installer Debian-pakken «chromium» (apt-get install "
                       "chromium), eller skriv rapporten som .html og skriv den ut fra en "
                       "nettleser");
  }
  return *found;
}

core::Result<std::string> FindPdftotext() {
  if (auto found = FindProgram("pdftotext")) return *found;
  return core::Error(core::ErrorCode::kNotFound,
                     "PDF krever pdftotext for innholdsfortegnelsen: installer Debian-pakken "
                     "«poppler-utils» (apt-get install poppler-utils), eller skriv rapporten som "
                     ".html og skriv den ut fra en nettleser");
}

// ---- running a program -----------------------------------------------------------------------

struct RunResult {
  bool timed_out = false;
  int exit_status = -1;  // when it exited; -1 when killed by a signal
  int signal = 0;        // the signal that ended it, 0 when it exited
};

// Runs `argv` (argv[0] a path) with stdin from /dev/null and stdout and stderr to files, in a
// process group of its own, and waits at most `timeout_seconds`; on the deadline the whole group
// (Chromium's helper processes too) is killed. kIo when the program cannot be started.
core::Result<RunResult> Run(const std::vector<std::string>& argv, const fs::path& stdout_path,
                            const fs::path& stderr_path, int timeout_seconds) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t no_signals, default_signals;
  sigemptyset(&no_signals);
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);
  sigaddset(&default_signals, SIGINT);
  sigaddset(&default_signals, SIGTERM);
  posix_spawnattr_setsigmask(&attr, &no_signals);
  posix_spawnattr_setsigdefault(&attr, &default_signals);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int err = posix_spawn(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) {
    return core::Error(core::ErrorCode::kIo,
                       "«" + argv[0] + "» kunne ikke startes (" + std::strerror(err) + ")");
  }

  RunResult result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (true) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      status = 0;
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Helpers the program left behind are still in its group; end them. The group's id cannot be
  // reused while any of them lives, so this reaches only what this call started.
  kill(-pid, SIGKILL);
  if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

// The last line of a program's stderr that says something, for an error message.
std::string LastLine(const fs::path& p) {
  std::ifstream in(p);
  std::string line, last;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  }
  constexpr size_t kMax = 300;
  if (last.size() > kMax) last = last.substr(0, kMax) + " …";
  return last;
}

bool StartsWithPdfMagic(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char magic[5] = {};
  in.read(magic, 5);
  return in.gcount() == 5 && std::string_view(magic, 5) == "%PDF-";
}

// ---- printing --------------------------------------------------------------------------------

// One Chromium, its scratch space and its deadline.
struct Printer {
  std::string chromium;
  int timeout_seconds = 120;
  const TempDir* scratch = nullptr;
  int runs = 0;

  // Prints `html` to `pdf` (which must be absolute). kIo when Chromium fails, times out or
  // writes something that is not a PDF.
  core::Status Print(const std::string& html, const fs::path& pdf) {
    ++runs;
    const std::string n = std::to_string(runs);
    const fs::path html_path = scratch->path() / ("dokument-" + n + ".html");
    {
      std::ofstream out(html_path, std::ios::binary | std::ios::trunc);
      out << html;
      out.close();
      if (!out) {
        return core::Error(core::ErrorCode::kIo,
                           "«" + html_path.string() + "»: kan ikke skrive den midlertidige filen");
      }
    }
    const fs::path profile = scratch->path() / ("chromium-profil-" + n);
    const fs::path err = scratch->path() / ("chromium-" + n + ".stderr");
    std::error_code ec;
    fs::create_directory(profile, ec);
    const std::vector<std::string> argv = {
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--user-data-dir=" + profile.string(),
        "--no-pdf-header-footer",
        "--print-to-pdf=" + pdf.string(),
        "--generate-pdf-document-outline",
        "file://" + core::UrlEncode(html_path.string(), "/"),
    };
    auto run = Run(argv, scratch->path() / ("chromium-" + n + ".stdout"), err, timeout_seconds);
    if (!run.ok()) return run.error();
    if (run->timed_out) {
      return core::Error(core::ErrorCode::kIo, "Chromium svarte ikke innen " +
                                                   std::to_string(timeout_seconds) + " sekunder");
    }
    std::string why;
    if (run->signal != 0) {
      why = "avbrutt av signal " + std::to_string(run->signal);
    } else if (run->exit_status != 0) {
      why = "avsluttet med status " + std::to_string(run->exit_status);
    } else if (!StartsWithPdfMagic(pdf)) {
      why = "skrev ingen PDF";
    }
    if (!why.empty()) {
      const std::string last = LastLine(err);
      return core::Error(core::ErrorCode::kIo, "Chromium kunne ikke skrive ut dokumentet (" + why +
                                                   ")" +
                                                   (last.empty() ? std::string() : ": " + last));
    }
    return core::Ok{};
  }
};

// The text of each page of `pdf`, by pdftotext -layout.
core::Result<std::vector<std::string>> PageTexts(const std::string& pdftotext, const fs::path& pdf,
                                                 const TempDir& scratch, int timeout_seconds) {
  const fs::path text = scratch.path() / "utskrift.txt";
  const fs::path err = scratch.path() / "pdftotext.stderr";
  auto run = Run({pdftotext, "-layout", "-enc", "UTF-8", pdf.string(), text.string()},
                 scratch.path() / "pdftotext.stdout", err, timeout_seconds);
  if (!run.ok()) return run.error();
  if (run->timed_out || run->exit_status != 0) {
    const std::string last = LastLine(err);
    return core::Error(core::ErrorCode::kIo, "pdftotext kunne ikke lese den utskrevne rapporten" +
                                                 (last.empty() ? std::string() : ": " + last));
  }
  std::ifstream in(text, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return SplitPages(content);
}

// Finds Chromium, creates the file beside `path` that the PDF is printed to and a scratch
// directory, and lets `print` fill the file (an absolute path) with `printer`; commits the file
// when it succeeds, removes it otherwise.
core::Status PrintTo(const std::string& path, const PdfOptions& options,
                     const std::function<core::Status(Printer&, const fs::path&)>& print) {
  auto chromium = FindChromium(options);
  if (!chromium.ok()) return chromium.error();
  std::error_code ec;
  const std::string destination = fs::absolute(path, ec).string();
  auto out = PendingFile::Create(ec ? path : destination);
  if (!out.ok()) return out.error();
  auto scratch = TempDir::Create("agp-pdf-");
  if (!scratch.ok()) return scratch.error();
  Printer printer{*chromium, options.timeout_seconds > 0 ? options.timeout_seconds : 120,
                  &*scratch};
  if (auto s = print(printer, fs::absolute(out->path())); !s.ok()) return s.error();
  return out->Commit();
}

}  // namespace

core::Status PrintHtmlToPdf(const std::string& html, const std::string& path,
                            const PdfOptions& options) {
  return PrintTo(path, options,
                 [&](Printer& printer, const fs::path& pdf) { return printer.Print(html, pdf); });
}

core::Status WritePdf(const Report& report, const std::string& path, const PdfOptions& options) {
  return PrintTo(path, options, [&](Printer& printer, const fs::path& final_pdf) -> core::Status {
    auto pdftotext = FindPdftotext();
    if (!pdftotext.ok()) return pdftotext.error();
    const TempDir& scratch = *printer.scratch;
    const auto entries = TocEntries(report);

    // Pass 1: placeholders in the contents, to learn where each section lands.
    const fs::path first = scratch.path() / "utkast.pdf";
    HtmlOptions html;
    html.reserve_page_numbers = true;
    if (auto s = printer.Print(RenderHtml(report, html), first); !s.ok()) return s.error();
    auto pages = PageTexts(*pdftotext, first, scratch, printer.timeout_seconds);
    if (!pages.ok()) return pages.error();

    // Pass 2 (and a third should the numbers have moved a heading): the numbers in place.
    html.reserve_page_numbers = false;
    html.toc_pages = FindHeadingPages(*pages, entries);
    for (int pass = 2; pass <= 3; ++pass) {
      if (auto s = printer.Print(RenderHtml(report, html), final_pdf); !s.ok()) return s.error();
      if (pass == 3 || entries.empty()) break;
      auto printed = PageTexts(*pdftotext, final_pdf, scratch, printer.timeout_seconds);
      if (!printed.ok()) return printed.error();
      auto moved = FindHeadingPages(*printed, entries);
      if (moved == html.toc_pages) break;
      html.toc_pages = std::move(moved);
    }
    return core::Ok{};
  });
}

}  // namespace agp::report
