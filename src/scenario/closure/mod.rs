//! The closure job's scenario input (issue 28): the plan de boîte in GraceTHD's shape
//! and its tables written for the DOE. The work order, the closure's set-up and its
//! checks come with the job's stations.

pub mod gracethd;
pub mod plan;

pub use plan::Plan;
