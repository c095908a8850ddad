# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'fee_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QGroupBox, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_FeeDialog(object):
    def setupUi(self, FeeDialog):
        if not FeeDialog.objectName():
            FeeDialog.setObjectName(u"FeeDialog")
        FeeDialog.resize(520, 330)
        self.mainLayout = QVBoxLayout(FeeDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(FeeDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(FeeDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setText(u"")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.hintLabel)

        self.errorLabel = QLabel(FeeDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.feeGroup = QGroupBox(FeeDialog)
        self.feeGroup.setObjectName(u"feeGroup")
        self.feeGrid = QGridLayout(self.feeGroup)
        self.feeGrid.setObjectName(u"feeGrid")
        self.feeGrid.setHorizontalSpacing(10)
        self.feeGrid.setVerticalSpacing(8)
        self.payerLabel = QLabel(self.feeGroup)
        self.payerLabel.setObjectName(u"payerLabel")

        self.feeGrid.addWidget(self.payerLabel, 0, 0, 1, 1)

        self.payerCombo = QComboBox(self.feeGroup)
        self.payerCombo.setObjectName(u"payerCombo")

        self.feeGrid.addWidget(self.payerCombo, 0, 1, 1, 1)

        self.procedureLabel = QLabel(self.feeGroup)
        self.procedureLabel.setObjectName(u"procedureLabel")

        self.feeGrid.addWidget(self.procedureLabel, 1, 0, 1, 1)

        self.procedureEdit = QLineEdit(self.feeGroup)
        self.procedureEdit.setObjectName(u"procedureEdit")
        self.procedureEdit.setMaxLength(5)

        self.feeGrid.addWidget(self.procedureEdit, 1, 1, 1, 1)

        self.modifierLabel = QLabel(self.feeGroup)
        self.modifierLabel.setObjectName(u"modifierLabel")

        self.feeGrid.addWidget(self.modifierLabel, 2, 0, 1, 1)

        self.modifierEdit = QLineEdit(self.feeGroup)
        self.modifierEdit.setObjectName(u"modifierEdit")
        self.modifierEdit.setMaxLength(2)

        self.feeGrid.addWidget(self.modifierEdit, 2, 1, 1, 1)

        self.amountLabel = QLabel(self.feeGroup)
        self.amountLabel.setObjectName(u"amountLabel")

        self.feeGrid.addWidget(self.amountLabel, 3, 0, 1, 1)

        self.amountEdit = QLineEdit(self.feeGroup)
        self.amountEdit.setObjectName(u"amountEdit")

        self.feeGrid.addWidget(self.amountEdit, 3, 1, 1, 1)

        self.feeGrid.setColumnStretch(1, 1)

        self.mainLayout.addWidget(self.feeGroup)

        self.bottomSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttons = QDialogButtonBox(FeeDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.payerLabel.setBuddy(self.payerCombo)
        self.procedureLabel.setBuddy(self.procedureEdit)
        self.modifierLabel.setBuddy(self.modifierEdit)
        self.amountLabel.setBuddy(self.amountEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.payerCombo, self.procedureEdit)
        QWidget.setTabOrder(self.procedureEdit, self.modifierEdit)
        QWidget.setTabOrder(self.modifierEdit, self.amountEdit)
        QWidget.setTabOrder(self.amountEdit, self.buttons)

        self.retranslateUi(FeeDialog)

        QMetaObject.connectSlotsByName(FeeDialog)
    # setupUi

    def retranslateUi(self, FeeDialog):
        FeeDialog.setWindowTitle(QCoreApplication.translate("FeeDialog", u"Fee", None))
        self.titleLabel.setText(QCoreApplication.translate("FeeDialog", u"Fee", None))
        self.feeGroup.setTitle(QCoreApplication.translate("FeeDialog", u"Per unit", None))
        self.payerLabel.setText(QCoreApplication.translate("FeeDialog", u"&Payer", None))
        self.procedureLabel.setText(QCoreApplication.translate("FeeDialog", u"Pro&cedure", None))
        self.procedureEdit.setPlaceholderText(QCoreApplication.translate("FeeDialog", u"CPT or HCPCS, e.g. 99213", None))
        self.modifierLabel.setText(QCoreApplication.translate("FeeDialog", u"&Modifier", None))
        self.modifierEdit.setPlaceholderText(QCoreApplication.translate("FeeDialog", u"only a pricing modifier: 26, TC, 50\u2026", None))
        self.amountLabel.setText(QCoreApplication.translate("FeeDialog", u"&Amount", None))
    # retranslateUi

