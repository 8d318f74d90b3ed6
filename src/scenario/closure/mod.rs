//! The closure job's scenario input (issue 28): the work order and its route optique,
//! the plan de boîte in GraceTHD's shape, the route read against the plan (the OT
//! mismatch to stop and report), the plan's tables written for the DOE, and the
//! Interop'Fibre defect codes auditors file. The closure's set-up and its checks come
//! with the job's stations.

pub mod audit;
pub mod defects;
pub mod gracethd;
pub mod order;
pub mod plan;
pub mod work;

pub use order::WorkOrder;
pub use plan::Plan;
