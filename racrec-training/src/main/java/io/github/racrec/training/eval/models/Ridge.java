package io.github.racrec.training.eval.models;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ridge regression in closed form with EJML: {@code W = (X'X + lambda I)^-1 X'Y} on centred data,
 * so the intercept is not penalised. The Gram matrices are computed once for all lambdas tried.
 */
final class Ridge {
  private final DMatrixRMaj gram;
  private final DMatrixRMaj cross;
  private final double[] xMean;
  private final double[] yMean;

  /** Prepares a regression of the rows of {@code y} on the rows of {@code x}. */
  Ridge(double[][] x, double[][] y) {
    xMean = columnMeans(x);
    yMean = columnMeans(y);
    DMatrixRMaj xc = centred(x, xMean);
    DMatrixRMaj yc = centred(y, yMean);
    gram = new DMatrixRMaj(xc.numCols, xc.numCols);
    CommonOps_DDRM.multTransA(xc, xc, gram);
    cross = new DMatrixRMaj(xc.numCols, yc.numCols);
    CommonOps_DDRM.multTransA(xc, yc, cross);
  }

  /** Solves for one lambda; returns the weights, {@code x columns} by {@code y columns}. */
  Solution solve(double lambda) {
    DMatrixRMaj a = gram.copy();
    for (int i = 0; i < a.numRows; i++) {
      a.add(i, i, lambda);
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(a.numRows);
    if (!solver.setA(a)) {
      throw new IllegalStateException("ridge system is not positive definite at lambda " + lambda);
    }
    DMatrixRMaj weights = new DMatrixRMaj(a.numRows, cross.numCols);
    solver.solve(cross, weights);
    return new Solution(weights, xMean, yMean);
  }

  /** A fitted regression: predicts {@code y} for an {@code x}. */
  record Solution(DMatrixRMaj weights, double[] xMean, double[] yMean) {
    double[] predict(double[] x) {
      int in = weights.numRows;
      int out = weights.numCols;
      double[] y = yMean.clone();
      double[] data = weights.data;
      for (int i = 0; i < in; i++) {
        double xi = x[i] - xMean[i];
        if (xi != 0) {
          int row = i * out;
          for (int j = 0; j < out; j++) {
            y[j] += xi * data[row + j];
          }
        }
      }
      return y;
    }
  }

  private static double[] columnMeans(double[][] rows) {
    double[] mean = new double[rows[0].length];
    for (double[] row : rows) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] /= rows.length;
    }
    return mean;
  }

  private static DMatrixRMaj centred(double[][] rows, double[] mean) {
    DMatrixRMaj matrix = new DMatrixRMaj(rows.length, mean.length);
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < mean.length; j++) {
        matrix.unsafe_set(i, j, rows[i][j] - mean[j]);
      }
    }
    return matrix;
  }
}
