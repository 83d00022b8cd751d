"""The lifecycle under the law: copying, take-out, provision, extension, re-grading,
declassification, destruction and recall, each authorised by the competent person."""
