"""Personnel: who may enforce — agencies, staff, certificates, exams, training, devices, users."""
