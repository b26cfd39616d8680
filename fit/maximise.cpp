#include "maximise.hpp"

#include <cmath>

namespace kapsim::fit {

Eigen::VectorXd numerical_gradient(const LogLikelihood& f, const Eigen::VectorXd& x, double h) {
    Eigen::VectorXd g(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        Eigen::VectorXd up = x, down = x;
        up[i] += h;
        down[i] -= h;
        g[i] = (f(up) - f(down)) / (2 * h);
    }
    return g;
}

Eigen::MatrixXd numerical_hessian(const LogLikelihood& f, const Eigen::VectorXd& x) {
    const double h = 1e-4;
    const auto n = x.size();
    Eigen::MatrixXd hessian(n, n);
    const double centre = f(x);
    for (Eigen::Index i = 0; i < n; ++i) {
        Eigen::VectorXd up = x, down = x;
        up[i] += h;
        down[i] -= h;
        hessian(i, i) = (f(up) - 2 * centre + f(down)) / (h * h);
        for (Eigen::Index j = 0; j < i; ++j) {
            Eigen::VectorXd pp = x, pm = x, mp = x, mm = x;
            pp[i] += h, pp[j] += h;
            pm[i] += h, pm[j] -= h;
            mp[i] -= h, mp[j] += h;
            mm[i] -= h, mm[j] -= h;
            hessian(i, j) = hessian(j, i) = (f(pp) - f(pm) - f(mp) + f(mm)) / (4 * h * h);
        }
    }
    return hessian;
}

Maximum maximise(const LogLikelihood& f, Eigen::VectorXd x) {
    Maximum m;
    double value = f(x);
    for (int iteration = 0; iteration < 200 && std::isfinite(value); ++iteration) {
        const Eigen::VectorXd g = numerical_gradient(f, x);
        const Eigen::MatrixXd h = numerical_hessian(f, x);
        Eigen::VectorXd step;
        const Eigen::LLT<Eigen::MatrixXd> concave(-h);
        if (concave.info() == Eigen::Success)
            step = concave.solve(g);
        else
            step = g / std::max(1.0, h.cwiseAbs().maxCoeff());
        // Steps of more than 2 on a log scale (a factor of 7) are cut: far from the top the
        // quadratic model says little.
        if (step.cwiseAbs().maxCoeff() > 2) step *= 2 / step.cwiseAbs().maxCoeff();
        double scale = 1;
        bool rose = false;
        for (int halving = 0; halving < 40; ++halving, scale /= 2) {
            const double trial = f(x + scale * step);
            if (std::isfinite(trial) && trial >= value) {
                rose = true;
                x += scale * step;
                const double gain = trial - value;
                value = trial;
                if (scale * step.cwiseAbs().maxCoeff() < 1e-10 || gain < 1e-12 * (1 + std::abs(value))) m.converged = true;
                break;
            }
        }
        if (!rose) {
            m.converged = g.cwiseAbs().maxCoeff() < 1e-3 * (1 + std::abs(value)) * 1e-3;
            break;
        }
        if (m.converged) break;
    }
    m.at = x;
    m.value = value;
    m.hessian = numerical_hessian(f, x);
    if (!m.converged) {
        // Converged enough if the gradient is negligible against the curvature.
        const Eigen::VectorXd g = numerical_gradient(f, x);
        const Eigen::LLT<Eigen::MatrixXd> concave(-m.hessian);
        m.converged = concave.info() == Eigen::Success && g.dot(concave.solve(g)) < 1e-6;
    }
    return m;
}

}  // namespace kapsim::fit
