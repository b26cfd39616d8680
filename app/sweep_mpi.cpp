#include "sweep_mpi.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "sim/replications.hpp"

#ifdef KAPSIM_HAVE_MPI
#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#endif

namespace kapsim::app {

bool launched_by_mpi() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMI_RANK", "PMIX_RANK"})
        if (std::getenv(name) != nullptr) return true;
    return false;
}

int mpi_processes_from_environment() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "MPI_LOCALNRANKS"})
        if (const char* value = std::getenv(name)) {
            const int n = std::atoi(value);
            if (n > 0) return n;
        }
    return 1;
}

int mpi_rank_from_environment() {
    for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"})
        if (const char* value = std::getenv(name)) return std::atoi(value);
    return 0;
}

int threads_per_process(int requested, const MpiGroup* mpi) {
    if (requested > 0 || !mpi) return requested;
    const int visible = sim::effective_threads(0);
    const char* local = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
    if (!local) local = std::getenv("MPI_LOCALNRANKS");
    const int ranks_here = local ? std::max(1, std::atoi(local)) : 1;
    if (visible < static_cast<int>(std::thread::hardware_concurrency())) return visible;  // bound by mpirun
    return std::max(1, visible / ranks_here);
}

#ifdef KAPSIM_HAVE_MPI

bool built_with_mpi() { return true; }

struct MpiGroup::State {
    // Only the main thread calls MPI; the OpenMP workers never do. Exceptions must reach
    // main() (which prints them and exits 2 or 1) rather than abort every rank.
    boost::mpi::environment environment{boost::mpi::threading::funneled, false};
    boost::mpi::communicator world;
};

MpiGroup::MpiGroup() : state_(std::make_unique<State>()) {}
MpiGroup::~MpiGroup() = default;

int MpiGroup::rank() const { return state_->world.rank(); }
int MpiGroup::size() const { return state_->world.size(); }

void MpiGroup::broadcast(std::string& text) const { boost::mpi::broadcast(state_->world, text, 0); }

std::vector<std::string> MpiGroup::gather(const std::string& mine) const {
    std::vector<std::string> all;
    if (is_root()) {
        boost::mpi::gather(state_->world, mine, all, 0);
    } else {
        boost::mpi::gather(state_->world, mine, 0);
    }
    return all;
}

std::vector<std::string> MpiGroup::all_gather(const std::string& mine) const {
    std::vector<std::string> all;
    boost::mpi::all_gather(state_->world, mine, all);
    return all;
}

void MpiGroup::abort(int exit_code) const {
    state_->world.abort(exit_code);
    std::abort();  // not reached
}

#else

bool built_with_mpi() { return false; }

struct MpiGroup::State {};

MpiGroup::MpiGroup() {
    throw std::logic_error("kapsim was built without MPI (KAPSIM_MPI=OFF)");
}
MpiGroup::~MpiGroup() = default;
int MpiGroup::rank() const { return 0; }
int MpiGroup::size() const { return 1; }
void MpiGroup::broadcast(std::string&) const {}
std::vector<std::string> MpiGroup::gather(const std::string& mine) const { return {mine}; }
std::vector<std::string> MpiGroup::all_gather(const std::string& mine) const { return {mine}; }
void MpiGroup::abort(int exit_code) const { std::exit(exit_code); }

#endif

}  // namespace kapsim::app
