// Error values and Result<T>: how expected failures travel (STYLE.md "Errors").
//
// Expected failures (bad input rows, unknown references, a missing file) are returned as values;
// exceptions are reserved for bugs and unrecoverable states.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace agp::core {

enum class ErrorCode {
  kInvalidInput,  // the user's data is wrong: exit status 2
  kUsage,         // the command line is wrong: exit status 1
  kNotFound,      // a file or record that should be there is not
  kIo,            // the file system or database failed
  kForbidden,     // the user's role does not allow it (DESIGN §6)
  kInternal,      // anything else: exit status 3
};

// Where a problem is. `line` and `column` are 1-based; 0 means "not known". For CSV files the
// column counts characters from the start of the line; for XLSX sheets it is the cell's column
// number (A = 1) and `line` is the row number.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:column", "file:line", "file" or "" depending on what is known.
  std::string ToString() const;
};

class Error {
 public:
  Error(ErrorCode code, std::string message, Location location = {})
      : code_(code), message_(std::move(message)), location_(std::move(location)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const Location& location() const { return location_; }

  // "file:line:column: message", or just the message when the location is unknown.
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::string message_;
  Location location_;
};

// A value or an Error. Access to the wrong alternative is a bug (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(data_);
  }
  // By value on a temporary, so that `for (auto& x : *Compute())` does not dangle.
  T value() && {
    assert(ok());
    return std::get<T>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<Error>(data_);
  }

 private:
  std::variant<T, Error> data_;
};

// Result of an operation that yields nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace agp::core
