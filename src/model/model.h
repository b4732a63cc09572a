// Placeholder: replaced by the data model.
#pragma once
