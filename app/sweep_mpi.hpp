#pragma once
// The processes started by mpirun (Boost.MPI underneath), for a sweep, a run or a comparison.
// Rank 0 owns the output directory; every rank simulates its share and sends it on. Messages
// are strings (journal lines of a sweep, replications' bytes of a run), so nothing here knows
// what they carry.
// Without KAPSIM_HAVE_MPI (built with -DKAPSIM_MPI=OFF) only launched_by_mpi() works and a
// command started by mpirun with more than one process is refused.
#include <memory>
#include <string>
#include <vector>

namespace kapsim::app {

// Whether this process was started by mpirun or mpiexec (Open MPI, MPICH or PMIx). A plain
// `kapsim sweep` never initialises MPI.
bool launched_by_mpi();
bool built_with_mpi();
// How many processes mpirun started, from its environment (1 when not started by it). Commands
// other than sweep run as one process and refuse more: each would write the same folder.
int mpi_processes_from_environment();
// This process's rank, from mpirun's environment (0 when not started by it): before MPI is
// started (a wrong option), only rank 0 says what is wrong.
int mpi_rank_from_environment();

class MpiGroup;
// Threads per process: `requested`, or by default under mpirun with several ranks on a
// machine and no binding that already confines each rank, its share of the cores rather than
// all of them (oversubscribed).
int threads_per_process(int requested, const MpiGroup* mpi);

class MpiGroup {
public:
    MpiGroup();  // MPI_Init
    ~MpiGroup();  // MPI_Finalize
    MpiGroup(const MpiGroup&) = delete;
    MpiGroup& operator=(const MpiGroup&) = delete;

    int rank() const;
    int size() const;
    bool is_root() const { return rank() == 0; }

    // Rank 0's `text` reaches every rank.
    void broadcast(std::string& text) const;
    // Every rank's `mine`, in rank order, at rank 0; empty elsewhere.
    std::vector<std::string> gather(const std::string& mine) const;
    // Every rank's `mine`, in rank order, at every rank.
    std::vector<std::string> all_gather(const std::string& mine) const;
    // Ends every rank: for a failure on one rank that the others cannot learn of.
    [[noreturn]] void abort(int exit_code) const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace kapsim::app
