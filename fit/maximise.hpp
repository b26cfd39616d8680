#pragma once
// The maximum of a smooth log-likelihood of a few parameters, by Newton's method on numerical
// derivatives with a step halved until the likelihood rises (and a gradient step where the
// surface is not concave). Parameters are on scales where a step of 1e-4 is small (logarithms
// of positive parameters), which is what makes plain central differences accurate enough.
#include <functional>

#include <Eigen/Dense>

namespace kapsim::fit {

struct Maximum {
    Eigen::VectorXd at;
    double value = 0;
    Eigen::MatrixXd hessian;  // at the maximum: its negative inverse is the covariance
    bool converged = false;
};

using LogLikelihood = std::function<double(const Eigen::VectorXd&)>;

Maximum maximise(const LogLikelihood& f, Eigen::VectorXd start);

// The Hessian of f at x by central differences.
Eigen::MatrixXd numerical_hessian(const LogLikelihood& f, const Eigen::VectorXd& x);
Eigen::VectorXd numerical_gradient(const LogLikelihood& f, const Eigen::VectorXd& x, double h = 1e-5);

}  // namespace kapsim::fit
