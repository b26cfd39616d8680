#pragma once
// The processes of a sweep started by mpirun (Boost.MPI underneath). Rank 0 owns the output
// directory and the journal; every rank simulates its share of the points and sends them
// to rank 0. Messages are text (journal lines), so nothing here knows about sweeps.
// Without KAPSIM_HAVE_MPI (built with -DKAPSIM_MPI=OFF) only launched_by_mpi() works and a
// sweep started by mpirun is refused.
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
    // Ends every rank: for a failure on one rank that the others cannot learn of.
    [[noreturn]] void abort(int exit_code) const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace kapsim::app
