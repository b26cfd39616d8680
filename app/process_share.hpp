#pragma once
// A run or a comparison started by mpirun with several processes: every process reads the same
// input and follows the same steps, but each simulates only its share of every batch of
// replications (replication i of a batch on process i % N) and receives everyone else's, so
// each goes on exactly as one process would, and the results are bitwise those of one process.
// Only rank 0 writes the output folder and prints. Every failure that could happen on some
// processes and not others is shared at the next meeting point, so no process is left waiting
// for one that has given up.
#include <cstddef>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/care_system.hpp"

namespace kapsim::app {

class MpiGroup;

// A failure on one of the processes, thrown on every one: the exit code (2 invalid input, 1
// internal error) and the message, which rank 0 alone prints.
class ProcessFailure : public std::runtime_error {
public:
    ProcessFailure(int exit_code, const std::string& message) : std::runtime_error(message), exit_code_(exit_code) {}
    int exit_code() const { return exit_code_; }

private:
    int exit_code_;
};

// Runs `prepare` (reading the input on every process, preparing the output folder on rank 0)
// and then meets the other processes: if any failed, every one throws the first failure, in
// rank order. Without processes (`group` null) it only runs `prepare`.
void prepare_on_every_process(const MpiGroup* group, const std::function<void()>& prepare);

// Replications 0..count-1 of a batch: this process runs its share on `threads` threads, and
// gets every process's results back, in replication order. A failure in any share is thrown
// on every process as ProcessFailure.
std::vector<models::ReplicationResult> replicate_over_processes(
    const MpiGroup& group, std::size_t count, int threads,
    const std::function<models::ReplicationResult(std::size_t)>& replicate);

// A replication's results as bytes and back, exactly (doubles bit for bit), for processes of
// one build on machines of one architecture. Throws std::runtime_error on damaged bytes.
std::string replication_bytes(const models::ReplicationResult& result);
models::ReplicationResult replication_from_bytes(const std::string& bytes, std::size_t& at);

}  // namespace kapsim::app
